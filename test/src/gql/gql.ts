/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AddContactsAdd($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult {\n        createdCount\n        created { id email }\n        existing { id email }\n        invalid { email reason }\n      }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": typeof types.AddContactsAddDocument,
    "\n  mutation AddContactsCreate($email: String!) {\n    createContact(input: { email: $email }) { __typename ... on Contact { id email source } }\n  }\n": typeof types.AddContactsCreateDocument,
    "\n  query AddContactsGet($email: String!) {\n    contact(email: $email) { id email source firstName segments { edges { node { id } } } }\n  }\n": typeof types.AddContactsGetDocument,
    "\n  mutation AddContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": typeof types.AddContactsCreateSegmentDocument,
    "\n  query AddContactsSegmentCount($id: ID!, $filter: ContactFilter) {\n    segment(id: $id) { contactCount }\n    contacts(filter: $filter) { totalCount }\n  }\n": typeof types.AddContactsSegmentCountDocument,
    "query AuthTeam { team { id name } }": typeof types.AuthTeamDocument,
    "\n  query AuthApiKeys {\n    apiKeys { id name hint permission createdAt revokedAt }\n  }\n": typeof types.AuthApiKeysDocument,
    "\n  mutation AuthCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey { token apiKey { id name hint permission revokedAt } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.AuthCreateApiKeyDocument,
    "\n  mutation AuthRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey { id revokedAt }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n": typeof types.AuthRevokeApiKeyDocument,
    "\n  mutation BulkAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { createdCount created { id email } existing { id email } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.BulkAddContactsDocument,
    "\n  mutation BulkCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": typeof types.BulkCreateSegmentDocument,
    "\n  mutation BulkCreateTopic($name: String!, $default: SubscriptionStatus!) {\n    createTopic(input: { name: $name, defaultSubscription: $default }) { __typename ... on Topic { id } }\n  }\n": typeof types.BulkCreateTopicDocument,
    "\n  mutation BulkUpdateContact($email: String!, $input: UpdateContactInput!) {\n    updateContact(email: $email, input: $input) { __typename ... on Contact { id } }\n  }\n": typeof types.BulkUpdateContactDocument,
    "\n  mutation BulkAddToSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.BulkAddToSegmentsDocument,
    "\n  mutation BulkRemoveFromSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.BulkRemoveFromSegmentsDocument,
    "\n  mutation BulkSetTopic($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.BulkSetTopicDocument,
    "\n  mutation BulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.BulkDeleteDocument,
    "\n  query BulkMembers($segmentId: ID!) {\n    segment(id: $segmentId) { contactCount }\n    contacts(filter: { segmentId: $segmentId }, first: 100) { totalCount edges { node { email } } }\n  }\n": typeof types.BulkMembersDocument,
    "\n  query BulkContactTopics($email: String!) {\n    contact(email: $email) { topics { edges { node { id subscription explicit } } } }\n  }\n": typeof types.BulkContactTopicsDocument,
    "\n  query BulkCount($filter: ContactFilter) {\n    contacts(filter: $filter, first: 1) { totalCount }\n  }\n": typeof types.BulkCountDocument,
    "query CliTeam { team { name } }": typeof types.CliTeamDocument,
    "\n  fragment ContactsContactFields on Contact {\n    id\n    email\n    firstName\n    lastName\n    unsubscribed\n    source\n    createdAt\n    updatedAt\n    properties { key type value }\n    segments { edges { node { id name } } }\n    topics { edges { node { id name subscription defaultSubscription explicit } } }\n  }\n": typeof types.ContactsContactFieldsFragmentDoc,
    "\n  mutation ContactsCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": typeof types.ContactsCreateDocument,
    "\n  query ContactsGet($id: ID, $email: String) {\n    contact(id: $id, email: $email) { ...ContactsContactFields }\n  }\n": typeof types.ContactsGetDocument,
    "\n  query ContactsList($first: Int, $after: String, $last: Int, $before: String, $filter: ContactFilter) {\n    contacts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id email firstName lastName } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.ContactsListDocument,
    "\n  mutation ContactsUpdate($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n": typeof types.ContactsUpdateDocument,
    "\n  mutation ContactsDelete($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n": typeof types.ContactsDeleteDocument,
    "\n  mutation ContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": typeof types.ContactsCreateSegmentDocument,
    "\n  mutation ContactsCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n": typeof types.ContactsCreateTopicDocument,
    "\n  mutation ContactsCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } }\n  }\n": typeof types.ContactsCreatePropertyDocument,
    "\n  mutation ExportCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email createdAt updatedAt }\n      ... on ValidationError { message }\n    }\n  }\n": typeof types.ExportCreateDocument,
    "\n  mutation ExportCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } ... on ValidationError { message } }\n  }\n": typeof types.ExportCreatePropertyDocument,
    "\n  mutation ExportCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": typeof types.ExportCreateSegmentDocument,
    "\n  mutation ExportCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n": typeof types.ExportCreateTopicDocument,
    "\n  mutation ExportAdd($emails: String!) {\n    addContacts(emails: $emails) { __typename ... on AddContactsResult { createdCount } ... on ValidationError { message } }\n  }\n": typeof types.ExportAddDocument,
    "\n  query ExportList($filter: ContactFilter) {\n    contacts(first: 100, filter: $filter) { totalCount edges { node { id } } }\n  }\n": typeof types.ExportListDocument,
    "\n  mutation HistoryCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": typeof types.HistoryCreateSegmentDocument,
    "\n  mutation HistoryCreateTopic($name: String!) {\n    createTopic(input: { name: $name, defaultSubscription: OPT_IN }) { __typename ... on Topic { id } }\n  }\n": typeof types.HistoryCreateTopicDocument,
    "\n  mutation HistoryCreateProperty($key: String!) {\n    createContactProperty(input: { key: $key, type: STRING }) { __typename ... on ContactProperty { id } }\n  }\n": typeof types.HistoryCreatePropertyDocument,
    "\n  mutation HistoryCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id source }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.HistoryCreateContactDocument,
    "\n  mutation HistoryAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } }\n    }\n  }\n": typeof types.HistoryAddContactsDocument,
    "\n  mutation HistoryUpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.HistoryUpdateContactDocument,
    "\n  mutation HistoryAddToSegment($id: ID!, $segmentId: ID!) {\n    addContactToSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n": typeof types.HistoryAddToSegmentDocument,
    "\n  mutation HistoryRemoveFromSegment($id: ID!, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n": typeof types.HistoryRemoveFromSegmentDocument,
    "\n  mutation HistoryUpdateTopics($id: ID!, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, topics: $topics) { __typename }\n  }\n": typeof types.HistoryUpdateTopicsDocument,
    "\n  mutation HistoryBulkAdd($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n": typeof types.HistoryBulkAddDocument,
    "\n  mutation HistoryBulkRemove($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n": typeof types.HistoryBulkRemoveDocument,
    "\n  mutation HistoryBulkTopic($ids: [ID!]!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: { ids: $ids }, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { affected }\n    }\n  }\n": typeof types.HistoryBulkTopicDocument,
    "\n  mutation HistoryDeleteContact($id: ID!) {\n    deleteContact(id: $id) { __typename }\n  }\n": typeof types.HistoryDeleteContactDocument,
    "\n  query HistoryOfContact($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      history(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id type source data createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": typeof types.HistoryOfContactDocument,
    "query IsoTeam { team { id name } }": typeof types.IsoTeamDocument,
    "query IsoKeys { apiKeys { id } }": typeof types.IsoKeysDocument,
    "\n  mutation IsoCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id key } ... on ValidationError { message } }\n  }\n": typeof types.IsoCreatePropertyDocument,
    "\n  mutation IsoCreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) { __typename ... on Segment { id } }\n  }\n": typeof types.IsoCreateSegmentDocument,
    "\n  mutation IsoCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n": typeof types.IsoCreateTopicDocument,
    "\n  mutation IsoCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.IsoCreateContactDocument,
    "\n  query IsoContact($id: ID, $email: String) {\n    contact(id: $id, email: $email) { id }\n  }\n": typeof types.IsoContactDocument,
    "\n  query IsoContacts($filter: ContactFilter) {\n    contacts(first: 10, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id email properties { key }\n          segments(first: 10) { edges { node { id } } }\n          topics(first: 10) { edges { node { id } } }\n          history(first: 20) { edges { node { data } } }\n        }\n      }\n    }\n  }\n": typeof types.IsoContactsDocument,
    "\n  query IsoProperty($id: ID, $key: String) { contactProperty(id: $id, key: $key) { id } }\n": typeof types.IsoPropertyDocument,
    "\n  query IsoLists {\n    contactProperties(first: 100) { edges { node { id } } }\n    segments(first: 100) { edges { node { id contactCount } } }\n    topics(first: 100) { edges { node { id } } }\n    apiKeys { id }\n    team { id }\n  }\n": typeof types.IsoListsDocument,
    "query IsoSegment($id: ID!) { segment(id: $id) { id } }": typeof types.IsoSegmentDocument,
    "query IsoTopic($id: ID!) { topic(id: $id) { id } }": typeof types.IsoTopicDocument,
    "\n  mutation IsoUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on NotFoundError { resource }\n      ... on ValidationError { issues { path } }\n    }\n  }\n": typeof types.IsoUpdateContactDocument,
    "\n  mutation IsoDeleteContact($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) { __typename }\n  }\n": typeof types.IsoDeleteContactDocument,
    "\n  mutation IsoAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } existing { id } }\n      ... on ValidationError { issues { path } }\n    }\n  }\n": typeof types.IsoAddContactsDocument,
    "\n  mutation IsoAddToSegment($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n": typeof types.IsoAddToSegmentDocument,
    "\n  mutation IsoRemoveFromSegment($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n": typeof types.IsoRemoveFromSegmentDocument,
    "\n  mutation IsoUpdateTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) { __typename ... on NotFoundError { resource } }\n  }\n": typeof types.IsoUpdateTopicsDocument,
    "\n  mutation IsoBulkAdd($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n": typeof types.IsoBulkAddDocument,
    "\n  mutation IsoBulkRemove($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n": typeof types.IsoBulkRemoveDocument,
    "\n  mutation IsoBulkTopics($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n": typeof types.IsoBulkTopicsDocument,
    "\n  mutation IsoBulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) { __typename ... on BulkContactsResult { matched affected } }\n  }\n": typeof types.IsoBulkDeleteDocument,
    "\n  mutation IsoUpdateProperty($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) { __typename }\n  }\n": typeof types.IsoUpdatePropertyDocument,
    "\n  mutation IsoDeleteProperty($id: ID!) { deleteContactProperty(id: $id) { __typename } }\n": typeof types.IsoDeletePropertyDocument,
    "\n  mutation IsoRenameSegment($id: ID!, $input: SegmentInput!) { renameSegment(id: $id, input: $input) { __typename } }\n": typeof types.IsoRenameSegmentDocument,
    "\n  mutation IsoDeleteSegment($id: ID!) { deleteSegment(id: $id) { __typename } }\n": typeof types.IsoDeleteSegmentDocument,
    "\n  mutation IsoUpdateTopic($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { __typename } }\n": typeof types.IsoUpdateTopicDocument,
    "\n  mutation IsoDeleteTopic($id: ID!) { deleteTopic(id: $id) { __typename } }\n": typeof types.IsoDeleteTopicDocument,
    "\n  mutation IsoRevokeKey($id: ID!) { revokeApiKey(id: $id) { __typename } }\n": typeof types.IsoRevokeKeyDocument,
    "\n  mutation PropertiesCreate($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue createdAt }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": typeof types.PropertiesCreateDocument,
    "\n  query PropertiesGet($id: ID, $key: String) {\n    contactProperty(id: $id, key: $key) { id key type fallbackValue createdAt }\n  }\n": typeof types.PropertiesGetDocument,
    "\n  query PropertiesList($first: Int, $after: String, $last: Int, $before: String) {\n    contactProperties(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id key type } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PropertiesListDocument,
    "\n  mutation PropertiesUpdate($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.PropertiesUpdateDocument,
    "\n  mutation PropertiesDelete($id: ID!) {\n    deleteContactProperty(id: $id) {\n      __typename\n      ... on ContactProperty { id key }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.PropertiesDeleteDocument,
    "\n  mutation PropertiesCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id properties { key type value } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.PropertiesCreateContactDocument,
    "\n  query PropertiesGetContact($id: ID!) {\n    contact(id: $id) { id properties { key type value } }\n  }\n": typeof types.PropertiesGetContactDocument,
    "\n  mutation SegmentsCreate($input: SegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on Segment { id name createdAt contactCount }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": typeof types.SegmentsCreateDocument,
    "\n  query SegmentsGet($id: ID!) {\n    segment(id: $id) { id name createdAt contactCount }\n  }\n": typeof types.SegmentsGetDocument,
    "\n  query SegmentsList($first: Int, $after: String, $last: Int, $before: String) {\n    segments(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.SegmentsListDocument,
    "\n  mutation SegmentsRename($id: ID!, $input: SegmentInput!) {\n    renameSegment(id: $id, input: $input) {\n      __typename\n      ... on Segment { id name }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.SegmentsRenameDocument,
    "\n  mutation SegmentsDelete($id: ID!) {\n    deleteSegment(id: $id) {\n      __typename\n      ... on Segment { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.SegmentsDeleteDocument,
    "\n  mutation SegmentsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.SegmentsCreateContactDocument,
    "\n  mutation SegmentsAddContact($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id name } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.SegmentsAddContactDocument,
    "\n  mutation SegmentsRemoveContact($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.SegmentsRemoveContactDocument,
    "\n  query SegmentsContactSegments($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      segments(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id name } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n": typeof types.SegmentsContactSegmentsDocument,
    "\n  query SegmentsContactSegmentDates($id: ID!) {\n    contact(id: $id) {\n      segments {\n        edges { node { id createdAt addedAt } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n": typeof types.SegmentsContactSegmentDatesDocument,
    "\n  query SegmentsContactsInSegment($segmentId: ID!) {\n    contacts(filter: { segmentId: $segmentId }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n": typeof types.SegmentsContactsInSegmentDocument,
    "query GuardTeam { team { name } }": typeof types.GuardTeamDocument,
    "\n  mutation SmokeCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email firstName }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.SmokeCreateContactDocument,
    "query SmokeTeam { team { name } }": typeof types.SmokeTeamDocument,
    "\n  mutation TopicsCreate($input: CreateTopicInput!) {\n    createTopic(input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility createdAt }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.TopicsCreateDocument,
    "\n  mutation TopicsUpdate($id: ID!, $input: UpdateTopicInput!) {\n    updateTopic(id: $id, input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.TopicsUpdateDocument,
    "\n  mutation TopicsDelete($id: ID!) {\n    deleteTopic(id: $id) {\n      __typename\n      ... on Topic { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.TopicsDeleteDocument,
    "\n  query TopicsGet($id: ID!) {\n    topic(id: $id) { id name description defaultSubscription visibility createdAt }\n  }\n": typeof types.TopicsGetDocument,
    "\n  query TopicsList($first: Int, $after: String, $last: Int, $before: String) {\n    topics(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.TopicsListDocument,
    "\n  mutation TopicsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": typeof types.TopicsCreateContactDocument,
    "\n  mutation TopicsUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) {\n      __typename\n      ... on Contact {\n        id\n        topics { edges { node { id name subscription explicit defaultSubscription } } }\n      }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": typeof types.TopicsUpdateContactTopicsDocument,
    "\n  query TopicsContactTopics($id: ID!, $first: Int, $after: String) {\n    contact(id: $id) {\n      topics(first: $first, after: $after) {\n        edges { cursor node { id name description subscription explicit defaultSubscription } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n": typeof types.TopicsContactTopicsDocument,
    "\n  query TopicsContactsByTopic($topicId: ID!, $subscription: SubscriptionStatus) {\n    contacts(filter: { topicId: $topicId, topicSubscription: $subscription }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n": typeof types.TopicsContactsByTopicDocument,
};
const documents: Documents = {
    "\n  mutation AddContactsAdd($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult {\n        createdCount\n        created { id email }\n        existing { id email }\n        invalid { email reason }\n      }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": types.AddContactsAddDocument,
    "\n  mutation AddContactsCreate($email: String!) {\n    createContact(input: { email: $email }) { __typename ... on Contact { id email source } }\n  }\n": types.AddContactsCreateDocument,
    "\n  query AddContactsGet($email: String!) {\n    contact(email: $email) { id email source firstName segments { edges { node { id } } } }\n  }\n": types.AddContactsGetDocument,
    "\n  mutation AddContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": types.AddContactsCreateSegmentDocument,
    "\n  query AddContactsSegmentCount($id: ID!, $filter: ContactFilter) {\n    segment(id: $id) { contactCount }\n    contacts(filter: $filter) { totalCount }\n  }\n": types.AddContactsSegmentCountDocument,
    "query AuthTeam { team { id name } }": types.AuthTeamDocument,
    "\n  query AuthApiKeys {\n    apiKeys { id name hint permission createdAt revokedAt }\n  }\n": types.AuthApiKeysDocument,
    "\n  mutation AuthCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey { token apiKey { id name hint permission revokedAt } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.AuthCreateApiKeyDocument,
    "\n  mutation AuthRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey { id revokedAt }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n": types.AuthRevokeApiKeyDocument,
    "\n  mutation BulkAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { createdCount created { id email } existing { id email } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.BulkAddContactsDocument,
    "\n  mutation BulkCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": types.BulkCreateSegmentDocument,
    "\n  mutation BulkCreateTopic($name: String!, $default: SubscriptionStatus!) {\n    createTopic(input: { name: $name, defaultSubscription: $default }) { __typename ... on Topic { id } }\n  }\n": types.BulkCreateTopicDocument,
    "\n  mutation BulkUpdateContact($email: String!, $input: UpdateContactInput!) {\n    updateContact(email: $email, input: $input) { __typename ... on Contact { id } }\n  }\n": types.BulkUpdateContactDocument,
    "\n  mutation BulkAddToSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.BulkAddToSegmentsDocument,
    "\n  mutation BulkRemoveFromSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.BulkRemoveFromSegmentsDocument,
    "\n  mutation BulkSetTopic($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.BulkSetTopicDocument,
    "\n  mutation BulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.BulkDeleteDocument,
    "\n  query BulkMembers($segmentId: ID!) {\n    segment(id: $segmentId) { contactCount }\n    contacts(filter: { segmentId: $segmentId }, first: 100) { totalCount edges { node { email } } }\n  }\n": types.BulkMembersDocument,
    "\n  query BulkContactTopics($email: String!) {\n    contact(email: $email) { topics { edges { node { id subscription explicit } } } }\n  }\n": types.BulkContactTopicsDocument,
    "\n  query BulkCount($filter: ContactFilter) {\n    contacts(filter: $filter, first: 1) { totalCount }\n  }\n": types.BulkCountDocument,
    "query CliTeam { team { name } }": types.CliTeamDocument,
    "\n  fragment ContactsContactFields on Contact {\n    id\n    email\n    firstName\n    lastName\n    unsubscribed\n    source\n    createdAt\n    updatedAt\n    properties { key type value }\n    segments { edges { node { id name } } }\n    topics { edges { node { id name subscription defaultSubscription explicit } } }\n  }\n": types.ContactsContactFieldsFragmentDoc,
    "\n  mutation ContactsCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": types.ContactsCreateDocument,
    "\n  query ContactsGet($id: ID, $email: String) {\n    contact(id: $id, email: $email) { ...ContactsContactFields }\n  }\n": types.ContactsGetDocument,
    "\n  query ContactsList($first: Int, $after: String, $last: Int, $before: String, $filter: ContactFilter) {\n    contacts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id email firstName lastName } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.ContactsListDocument,
    "\n  mutation ContactsUpdate($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n": types.ContactsUpdateDocument,
    "\n  mutation ContactsDelete($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n": types.ContactsDeleteDocument,
    "\n  mutation ContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": types.ContactsCreateSegmentDocument,
    "\n  mutation ContactsCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n": types.ContactsCreateTopicDocument,
    "\n  mutation ContactsCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } }\n  }\n": types.ContactsCreatePropertyDocument,
    "\n  mutation ExportCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email createdAt updatedAt }\n      ... on ValidationError { message }\n    }\n  }\n": types.ExportCreateDocument,
    "\n  mutation ExportCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } ... on ValidationError { message } }\n  }\n": types.ExportCreatePropertyDocument,
    "\n  mutation ExportCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": types.ExportCreateSegmentDocument,
    "\n  mutation ExportCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n": types.ExportCreateTopicDocument,
    "\n  mutation ExportAdd($emails: String!) {\n    addContacts(emails: $emails) { __typename ... on AddContactsResult { createdCount } ... on ValidationError { message } }\n  }\n": types.ExportAddDocument,
    "\n  query ExportList($filter: ContactFilter) {\n    contacts(first: 100, filter: $filter) { totalCount edges { node { id } } }\n  }\n": types.ExportListDocument,
    "\n  mutation HistoryCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n": types.HistoryCreateSegmentDocument,
    "\n  mutation HistoryCreateTopic($name: String!) {\n    createTopic(input: { name: $name, defaultSubscription: OPT_IN }) { __typename ... on Topic { id } }\n  }\n": types.HistoryCreateTopicDocument,
    "\n  mutation HistoryCreateProperty($key: String!) {\n    createContactProperty(input: { key: $key, type: STRING }) { __typename ... on ContactProperty { id } }\n  }\n": types.HistoryCreatePropertyDocument,
    "\n  mutation HistoryCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id source }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.HistoryCreateContactDocument,
    "\n  mutation HistoryAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } }\n    }\n  }\n": types.HistoryAddContactsDocument,
    "\n  mutation HistoryUpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.HistoryUpdateContactDocument,
    "\n  mutation HistoryAddToSegment($id: ID!, $segmentId: ID!) {\n    addContactToSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n": types.HistoryAddToSegmentDocument,
    "\n  mutation HistoryRemoveFromSegment($id: ID!, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n": types.HistoryRemoveFromSegmentDocument,
    "\n  mutation HistoryUpdateTopics($id: ID!, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, topics: $topics) { __typename }\n  }\n": types.HistoryUpdateTopicsDocument,
    "\n  mutation HistoryBulkAdd($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n": types.HistoryBulkAddDocument,
    "\n  mutation HistoryBulkRemove($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n": types.HistoryBulkRemoveDocument,
    "\n  mutation HistoryBulkTopic($ids: [ID!]!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: { ids: $ids }, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { affected }\n    }\n  }\n": types.HistoryBulkTopicDocument,
    "\n  mutation HistoryDeleteContact($id: ID!) {\n    deleteContact(id: $id) { __typename }\n  }\n": types.HistoryDeleteContactDocument,
    "\n  query HistoryOfContact($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      history(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id type source data createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": types.HistoryOfContactDocument,
    "query IsoTeam { team { id name } }": types.IsoTeamDocument,
    "query IsoKeys { apiKeys { id } }": types.IsoKeysDocument,
    "\n  mutation IsoCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id key } ... on ValidationError { message } }\n  }\n": types.IsoCreatePropertyDocument,
    "\n  mutation IsoCreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) { __typename ... on Segment { id } }\n  }\n": types.IsoCreateSegmentDocument,
    "\n  mutation IsoCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n": types.IsoCreateTopicDocument,
    "\n  mutation IsoCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.IsoCreateContactDocument,
    "\n  query IsoContact($id: ID, $email: String) {\n    contact(id: $id, email: $email) { id }\n  }\n": types.IsoContactDocument,
    "\n  query IsoContacts($filter: ContactFilter) {\n    contacts(first: 10, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id email properties { key }\n          segments(first: 10) { edges { node { id } } }\n          topics(first: 10) { edges { node { id } } }\n          history(first: 20) { edges { node { data } } }\n        }\n      }\n    }\n  }\n": types.IsoContactsDocument,
    "\n  query IsoProperty($id: ID, $key: String) { contactProperty(id: $id, key: $key) { id } }\n": types.IsoPropertyDocument,
    "\n  query IsoLists {\n    contactProperties(first: 100) { edges { node { id } } }\n    segments(first: 100) { edges { node { id contactCount } } }\n    topics(first: 100) { edges { node { id } } }\n    apiKeys { id }\n    team { id }\n  }\n": types.IsoListsDocument,
    "query IsoSegment($id: ID!) { segment(id: $id) { id } }": types.IsoSegmentDocument,
    "query IsoTopic($id: ID!) { topic(id: $id) { id } }": types.IsoTopicDocument,
    "\n  mutation IsoUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on NotFoundError { resource }\n      ... on ValidationError { issues { path } }\n    }\n  }\n": types.IsoUpdateContactDocument,
    "\n  mutation IsoDeleteContact($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) { __typename }\n  }\n": types.IsoDeleteContactDocument,
    "\n  mutation IsoAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } existing { id } }\n      ... on ValidationError { issues { path } }\n    }\n  }\n": types.IsoAddContactsDocument,
    "\n  mutation IsoAddToSegment($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n": types.IsoAddToSegmentDocument,
    "\n  mutation IsoRemoveFromSegment($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n": types.IsoRemoveFromSegmentDocument,
    "\n  mutation IsoUpdateTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) { __typename ... on NotFoundError { resource } }\n  }\n": types.IsoUpdateTopicsDocument,
    "\n  mutation IsoBulkAdd($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n": types.IsoBulkAddDocument,
    "\n  mutation IsoBulkRemove($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n": types.IsoBulkRemoveDocument,
    "\n  mutation IsoBulkTopics($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n": types.IsoBulkTopicsDocument,
    "\n  mutation IsoBulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) { __typename ... on BulkContactsResult { matched affected } }\n  }\n": types.IsoBulkDeleteDocument,
    "\n  mutation IsoUpdateProperty($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) { __typename }\n  }\n": types.IsoUpdatePropertyDocument,
    "\n  mutation IsoDeleteProperty($id: ID!) { deleteContactProperty(id: $id) { __typename } }\n": types.IsoDeletePropertyDocument,
    "\n  mutation IsoRenameSegment($id: ID!, $input: SegmentInput!) { renameSegment(id: $id, input: $input) { __typename } }\n": types.IsoRenameSegmentDocument,
    "\n  mutation IsoDeleteSegment($id: ID!) { deleteSegment(id: $id) { __typename } }\n": types.IsoDeleteSegmentDocument,
    "\n  mutation IsoUpdateTopic($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { __typename } }\n": types.IsoUpdateTopicDocument,
    "\n  mutation IsoDeleteTopic($id: ID!) { deleteTopic(id: $id) { __typename } }\n": types.IsoDeleteTopicDocument,
    "\n  mutation IsoRevokeKey($id: ID!) { revokeApiKey(id: $id) { __typename } }\n": types.IsoRevokeKeyDocument,
    "\n  mutation PropertiesCreate($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue createdAt }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": types.PropertiesCreateDocument,
    "\n  query PropertiesGet($id: ID, $key: String) {\n    contactProperty(id: $id, key: $key) { id key type fallbackValue createdAt }\n  }\n": types.PropertiesGetDocument,
    "\n  query PropertiesList($first: Int, $after: String, $last: Int, $before: String) {\n    contactProperties(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id key type } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PropertiesListDocument,
    "\n  mutation PropertiesUpdate($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.PropertiesUpdateDocument,
    "\n  mutation PropertiesDelete($id: ID!) {\n    deleteContactProperty(id: $id) {\n      __typename\n      ... on ContactProperty { id key }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.PropertiesDeleteDocument,
    "\n  mutation PropertiesCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id properties { key type value } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.PropertiesCreateContactDocument,
    "\n  query PropertiesGetContact($id: ID!) {\n    contact(id: $id) { id properties { key type value } }\n  }\n": types.PropertiesGetContactDocument,
    "\n  mutation SegmentsCreate($input: SegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on Segment { id name createdAt contactCount }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n": types.SegmentsCreateDocument,
    "\n  query SegmentsGet($id: ID!) {\n    segment(id: $id) { id name createdAt contactCount }\n  }\n": types.SegmentsGetDocument,
    "\n  query SegmentsList($first: Int, $after: String, $last: Int, $before: String) {\n    segments(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.SegmentsListDocument,
    "\n  mutation SegmentsRename($id: ID!, $input: SegmentInput!) {\n    renameSegment(id: $id, input: $input) {\n      __typename\n      ... on Segment { id name }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.SegmentsRenameDocument,
    "\n  mutation SegmentsDelete($id: ID!) {\n    deleteSegment(id: $id) {\n      __typename\n      ... on Segment { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.SegmentsDeleteDocument,
    "\n  mutation SegmentsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.SegmentsCreateContactDocument,
    "\n  mutation SegmentsAddContact($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id name } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.SegmentsAddContactDocument,
    "\n  mutation SegmentsRemoveContact($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.SegmentsRemoveContactDocument,
    "\n  query SegmentsContactSegments($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      segments(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id name } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n": types.SegmentsContactSegmentsDocument,
    "\n  query SegmentsContactSegmentDates($id: ID!) {\n    contact(id: $id) {\n      segments {\n        edges { node { id createdAt addedAt } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n": types.SegmentsContactSegmentDatesDocument,
    "\n  query SegmentsContactsInSegment($segmentId: ID!) {\n    contacts(filter: { segmentId: $segmentId }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n": types.SegmentsContactsInSegmentDocument,
    "query GuardTeam { team { name } }": types.GuardTeamDocument,
    "\n  mutation SmokeCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email firstName }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.SmokeCreateContactDocument,
    "query SmokeTeam { team { name } }": types.SmokeTeamDocument,
    "\n  mutation TopicsCreate($input: CreateTopicInput!) {\n    createTopic(input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility createdAt }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.TopicsCreateDocument,
    "\n  mutation TopicsUpdate($id: ID!, $input: UpdateTopicInput!) {\n    updateTopic(id: $id, input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.TopicsUpdateDocument,
    "\n  mutation TopicsDelete($id: ID!) {\n    deleteTopic(id: $id) {\n      __typename\n      ... on Topic { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.TopicsDeleteDocument,
    "\n  query TopicsGet($id: ID!) {\n    topic(id: $id) { id name description defaultSubscription visibility createdAt }\n  }\n": types.TopicsGetDocument,
    "\n  query TopicsList($first: Int, $after: String, $last: Int, $before: String) {\n    topics(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.TopicsListDocument,
    "\n  mutation TopicsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n": types.TopicsCreateContactDocument,
    "\n  mutation TopicsUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) {\n      __typename\n      ... on Contact {\n        id\n        topics { edges { node { id name subscription explicit defaultSubscription } } }\n      }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n": types.TopicsUpdateContactTopicsDocument,
    "\n  query TopicsContactTopics($id: ID!, $first: Int, $after: String) {\n    contact(id: $id) {\n      topics(first: $first, after: $after) {\n        edges { cursor node { id name description subscription explicit defaultSubscription } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n": types.TopicsContactTopicsDocument,
    "\n  query TopicsContactsByTopic($topicId: ID!, $subscription: SubscriptionStatus) {\n    contacts(filter: { topicId: $topicId, topicSubscription: $subscription }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n": types.TopicsContactsByTopicDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddContactsAdd($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult {\n        createdCount\n        created { id email }\n        existing { id email }\n        invalid { email reason }\n      }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation AddContactsAdd($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult {\n        createdCount\n        created { id email }\n        existing { id email }\n        invalid { email reason }\n      }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddContactsCreate($email: String!) {\n    createContact(input: { email: $email }) { __typename ... on Contact { id email source } }\n  }\n"): (typeof documents)["\n  mutation AddContactsCreate($email: String!) {\n    createContact(input: { email: $email }) { __typename ... on Contact { id email source } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AddContactsGet($email: String!) {\n    contact(email: $email) { id email source firstName segments { edges { node { id } } } }\n  }\n"): (typeof documents)["\n  query AddContactsGet($email: String!) {\n    contact(email: $email) { id email source firstName segments { edges { node { id } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"): (typeof documents)["\n  mutation AddContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AddContactsSegmentCount($id: ID!, $filter: ContactFilter) {\n    segment(id: $id) { contactCount }\n    contacts(filter: $filter) { totalCount }\n  }\n"): (typeof documents)["\n  query AddContactsSegmentCount($id: ID!, $filter: ContactFilter) {\n    segment(id: $id) { contactCount }\n    contacts(filter: $filter) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthTeam { team { id name } }"): (typeof documents)["query AuthTeam { team { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthApiKeys {\n    apiKeys { id name hint permission createdAt revokedAt }\n  }\n"): (typeof documents)["\n  query AuthApiKeys {\n    apiKeys { id name hint permission createdAt revokedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey { token apiKey { id name hint permission revokedAt } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation AuthCreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      __typename\n      ... on CreatedApiKey { token apiKey { id name hint permission revokedAt } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey { id revokedAt }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation AuthRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on ApiKey { id revokedAt }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { createdCount created { id email } existing { id email } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation BulkAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { createdCount created { id email } existing { id email } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"): (typeof documents)["\n  mutation BulkCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkCreateTopic($name: String!, $default: SubscriptionStatus!) {\n    createTopic(input: { name: $name, defaultSubscription: $default }) { __typename ... on Topic { id } }\n  }\n"): (typeof documents)["\n  mutation BulkCreateTopic($name: String!, $default: SubscriptionStatus!) {\n    createTopic(input: { name: $name, defaultSubscription: $default }) { __typename ... on Topic { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkUpdateContact($email: String!, $input: UpdateContactInput!) {\n    updateContact(email: $email, input: $input) { __typename ... on Contact { id } }\n  }\n"): (typeof documents)["\n  mutation BulkUpdateContact($email: String!, $input: UpdateContactInput!) {\n    updateContact(email: $email, input: $input) { __typename ... on Contact { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkAddToSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation BulkAddToSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkRemoveFromSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation BulkRemoveFromSegments($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkSetTopic($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation BulkSetTopic($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation BulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) {\n      __typename\n      ... on BulkContactsResult { matched affected }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BulkMembers($segmentId: ID!) {\n    segment(id: $segmentId) { contactCount }\n    contacts(filter: { segmentId: $segmentId }, first: 100) { totalCount edges { node { email } } }\n  }\n"): (typeof documents)["\n  query BulkMembers($segmentId: ID!) {\n    segment(id: $segmentId) { contactCount }\n    contacts(filter: { segmentId: $segmentId }, first: 100) { totalCount edges { node { email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BulkContactTopics($email: String!) {\n    contact(email: $email) { topics { edges { node { id subscription explicit } } } }\n  }\n"): (typeof documents)["\n  query BulkContactTopics($email: String!) {\n    contact(email: $email) { topics { edges { node { id subscription explicit } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BulkCount($filter: ContactFilter) {\n    contacts(filter: $filter, first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query BulkCount($filter: ContactFilter) {\n    contacts(filter: $filter, first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliTeam { team { name } }"): (typeof documents)["query CliTeam { team { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContactsContactFields on Contact {\n    id\n    email\n    firstName\n    lastName\n    unsubscribed\n    source\n    createdAt\n    updatedAt\n    properties { key type value }\n    segments { edges { node { id name } } }\n    topics { edges { node { id name subscription defaultSubscription explicit } } }\n  }\n"): (typeof documents)["\n  fragment ContactsContactFields on Contact {\n    id\n    email\n    firstName\n    lastName\n    unsubscribed\n    source\n    createdAt\n    updatedAt\n    properties { key type value }\n    segments { edges { node { id name } } }\n    topics { edges { node { id name subscription defaultSubscription explicit } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContactsCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation ContactsCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsGet($id: ID, $email: String) {\n    contact(id: $id, email: $email) { ...ContactsContactFields }\n  }\n"): (typeof documents)["\n  query ContactsGet($id: ID, $email: String) {\n    contact(id: $id, email: $email) { ...ContactsContactFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContactsList($first: Int, $after: String, $last: Int, $before: String, $filter: ContactFilter) {\n    contacts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id email firstName lastName } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ContactsList($first: Int, $after: String, $last: Int, $before: String, $filter: ContactFilter) {\n    contacts(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      edges { cursor node { id email firstName lastName } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContactsUpdate($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation ContactsUpdate($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { ...ContactsContactFields }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContactsDelete($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation ContactsDelete($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { message resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"): (typeof documents)["\n  mutation ContactsCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContactsCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n"): (typeof documents)["\n  mutation ContactsCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContactsCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } }\n  }\n"): (typeof documents)["\n  mutation ContactsCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email createdAt updatedAt }\n      ... on ValidationError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ExportCreate($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email createdAt updatedAt }\n      ... on ValidationError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } ... on ValidationError { message } }\n  }\n"): (typeof documents)["\n  mutation ExportCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id } ... on ValidationError { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"): (typeof documents)["\n  mutation ExportCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n"): (typeof documents)["\n  mutation ExportCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportAdd($emails: String!) {\n    addContacts(emails: $emails) { __typename ... on AddContactsResult { createdCount } ... on ValidationError { message } }\n  }\n"): (typeof documents)["\n  mutation ExportAdd($emails: String!) {\n    addContacts(emails: $emails) { __typename ... on AddContactsResult { createdCount } ... on ValidationError { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportList($filter: ContactFilter) {\n    contacts(first: 100, filter: $filter) { totalCount edges { node { id } } }\n  }\n"): (typeof documents)["\n  query ExportList($filter: ContactFilter) {\n    contacts(first: 100, filter: $filter) { totalCount edges { node { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"): (typeof documents)["\n  mutation HistoryCreateSegment($name: String!) {\n    createSegment(input: { name: $name }) { __typename ... on Segment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryCreateTopic($name: String!) {\n    createTopic(input: { name: $name, defaultSubscription: OPT_IN }) { __typename ... on Topic { id } }\n  }\n"): (typeof documents)["\n  mutation HistoryCreateTopic($name: String!) {\n    createTopic(input: { name: $name, defaultSubscription: OPT_IN }) { __typename ... on Topic { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryCreateProperty($key: String!) {\n    createContactProperty(input: { key: $key, type: STRING }) { __typename ... on ContactProperty { id } }\n  }\n"): (typeof documents)["\n  mutation HistoryCreateProperty($key: String!) {\n    createContactProperty(input: { key: $key, type: STRING }) { __typename ... on ContactProperty { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id source }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation HistoryCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id source }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } }\n    }\n  }\n"): (typeof documents)["\n  mutation HistoryAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryUpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation HistoryUpdateContact($id: ID!, $input: UpdateContactInput!) {\n    updateContact(id: $id, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryAddToSegment($id: ID!, $segmentId: ID!) {\n    addContactToSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n"): (typeof documents)["\n  mutation HistoryAddToSegment($id: ID!, $segmentId: ID!) {\n    addContactToSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryRemoveFromSegment($id: ID!, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n"): (typeof documents)["\n  mutation HistoryRemoveFromSegment($id: ID!, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, segmentId: $segmentId) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryUpdateTopics($id: ID!, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, topics: $topics) { __typename }\n  }\n"): (typeof documents)["\n  mutation HistoryUpdateTopics($id: ID!, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, topics: $topics) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryBulkAdd($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n"): (typeof documents)["\n  mutation HistoryBulkAdd($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryBulkRemove($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n"): (typeof documents)["\n  mutation HistoryBulkRemove($ids: [ID!]!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: { ids: $ids }, segmentIds: $segmentIds) { __typename ... on BulkContactsResult { affected } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryBulkTopic($ids: [ID!]!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: { ids: $ids }, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { affected }\n    }\n  }\n"): (typeof documents)["\n  mutation HistoryBulkTopic($ids: [ID!]!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: { ids: $ids }, topicIds: $topicIds, subscription: $subscription) {\n      __typename\n      ... on BulkContactsResult { affected }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HistoryDeleteContact($id: ID!) {\n    deleteContact(id: $id) { __typename }\n  }\n"): (typeof documents)["\n  mutation HistoryDeleteContact($id: ID!) {\n    deleteContact(id: $id) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryOfContact($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      history(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id type source data createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HistoryOfContact($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      history(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id type source data createdAt } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IsoTeam { team { id name } }"): (typeof documents)["query IsoTeam { team { id name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IsoKeys { apiKeys { id } }"): (typeof documents)["query IsoKeys { apiKeys { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id key } ... on ValidationError { message } }\n  }\n"): (typeof documents)["\n  mutation IsoCreateProperty($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) { __typename ... on ContactProperty { id key } ... on ValidationError { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) { __typename ... on Segment { id } }\n  }\n"): (typeof documents)["\n  mutation IsoCreateSegment($input: SegmentInput!) {\n    createSegment(input: $input) { __typename ... on Segment { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n"): (typeof documents)["\n  mutation IsoCreateTopic($input: CreateTopicInput!) {\n    createTopic(input: $input) { __typename ... on Topic { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoContact($id: ID, $email: String) {\n    contact(id: $id, email: $email) { id }\n  }\n"): (typeof documents)["\n  query IsoContact($id: ID, $email: String) {\n    contact(id: $id, email: $email) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoContacts($filter: ContactFilter) {\n    contacts(first: 10, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id email properties { key }\n          segments(first: 10) { edges { node { id } } }\n          topics(first: 10) { edges { node { id } } }\n          history(first: 20) { edges { node { data } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IsoContacts($filter: ContactFilter) {\n    contacts(first: 10, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id email properties { key }\n          segments(first: 10) { edges { node { id } } }\n          topics(first: 10) { edges { node { id } } }\n          history(first: 20) { edges { node { data } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoProperty($id: ID, $key: String) { contactProperty(id: $id, key: $key) { id } }\n"): (typeof documents)["\n  query IsoProperty($id: ID, $key: String) { contactProperty(id: $id, key: $key) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IsoLists {\n    contactProperties(first: 100) { edges { node { id } } }\n    segments(first: 100) { edges { node { id contactCount } } }\n    topics(first: 100) { edges { node { id } } }\n    apiKeys { id }\n    team { id }\n  }\n"): (typeof documents)["\n  query IsoLists {\n    contactProperties(first: 100) { edges { node { id } } }\n    segments(first: 100) { edges { node { id contactCount } } }\n    topics(first: 100) { edges { node { id } } }\n    apiKeys { id }\n    team { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IsoSegment($id: ID!) { segment(id: $id) { id } }"): (typeof documents)["query IsoSegment($id: ID!) { segment(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IsoTopic($id: ID!) { topic(id: $id) { id } }"): (typeof documents)["query IsoTopic($id: ID!) { topic(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on NotFoundError { resource }\n      ... on ValidationError { issues { path } }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoUpdateContact($id: ID, $email: String, $input: UpdateContactInput!) {\n    updateContact(id: $id, email: $email, input: $input) {\n      __typename\n      ... on Contact { id }\n      ... on NotFoundError { resource }\n      ... on ValidationError { issues { path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoDeleteContact($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) { __typename }\n  }\n"): (typeof documents)["\n  mutation IsoDeleteContact($id: ID, $email: String) {\n    deleteContact(id: $id, email: $email) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } existing { id } }\n      ... on ValidationError { issues { path } }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoAddContacts($emails: String!, $segmentId: ID) {\n    addContacts(emails: $emails, segmentId: $segmentId) {\n      __typename\n      ... on AddContactsResult { created { id email } existing { id } }\n      ... on ValidationError { issues { path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoAddToSegment($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n"): (typeof documents)["\n  mutation IsoAddToSegment($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoRemoveFromSegment($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n"): (typeof documents)["\n  mutation IsoRemoveFromSegment($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) { __typename ... on NotFoundError { resource } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoUpdateTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) { __typename ... on NotFoundError { resource } }\n  }\n"): (typeof documents)["\n  mutation IsoUpdateTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) { __typename ... on NotFoundError { resource } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoBulkAdd($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoBulkAdd($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkAddContactsToSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoBulkRemove($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoBulkRemove($target: ContactBulkTarget!, $segmentIds: [ID!]!) {\n    bulkRemoveContactsFromSegments(target: $target, segmentIds: $segmentIds) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoBulkTopics($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n"): (typeof documents)["\n  mutation IsoBulkTopics($target: ContactBulkTarget!, $topicIds: [ID!]!, $subscription: SubscriptionStatus!) {\n    bulkSetTopicSubscription(target: $target, topicIds: $topicIds, subscription: $subscription) {\n      __typename ... on BulkContactsResult { matched affected } ... on ValidationError { issues { path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoBulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) { __typename ... on BulkContactsResult { matched affected } }\n  }\n"): (typeof documents)["\n  mutation IsoBulkDelete($target: ContactBulkTarget!) {\n    bulkDeleteContacts(target: $target) { __typename ... on BulkContactsResult { matched affected } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoUpdateProperty($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) { __typename }\n  }\n"): (typeof documents)["\n  mutation IsoUpdateProperty($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoDeleteProperty($id: ID!) { deleteContactProperty(id: $id) { __typename } }\n"): (typeof documents)["\n  mutation IsoDeleteProperty($id: ID!) { deleteContactProperty(id: $id) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoRenameSegment($id: ID!, $input: SegmentInput!) { renameSegment(id: $id, input: $input) { __typename } }\n"): (typeof documents)["\n  mutation IsoRenameSegment($id: ID!, $input: SegmentInput!) { renameSegment(id: $id, input: $input) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoDeleteSegment($id: ID!) { deleteSegment(id: $id) { __typename } }\n"): (typeof documents)["\n  mutation IsoDeleteSegment($id: ID!) { deleteSegment(id: $id) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoUpdateTopic($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { __typename } }\n"): (typeof documents)["\n  mutation IsoUpdateTopic($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoDeleteTopic($id: ID!) { deleteTopic(id: $id) { __typename } }\n"): (typeof documents)["\n  mutation IsoDeleteTopic($id: ID!) { deleteTopic(id: $id) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsoRevokeKey($id: ID!) { revokeApiKey(id: $id) { __typename } }\n"): (typeof documents)["\n  mutation IsoRevokeKey($id: ID!) { revokeApiKey(id: $id) { __typename } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropertiesCreate($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue createdAt }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation PropertiesCreate($input: CreateContactPropertyInput!) {\n    createContactProperty(input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue createdAt }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PropertiesGet($id: ID, $key: String) {\n    contactProperty(id: $id, key: $key) { id key type fallbackValue createdAt }\n  }\n"): (typeof documents)["\n  query PropertiesGet($id: ID, $key: String) {\n    contactProperty(id: $id, key: $key) { id key type fallbackValue createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PropertiesList($first: Int, $after: String, $last: Int, $before: String) {\n    contactProperties(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id key type } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PropertiesList($first: Int, $after: String, $last: Int, $before: String) {\n    contactProperties(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id key type } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropertiesUpdate($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation PropertiesUpdate($id: ID!, $input: UpdateContactPropertyInput!) {\n    updateContactProperty(id: $id, input: $input) {\n      __typename\n      ... on ContactProperty { id key type fallbackValue }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropertiesDelete($id: ID!) {\n    deleteContactProperty(id: $id) {\n      __typename\n      ... on ContactProperty { id key }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation PropertiesDelete($id: ID!) {\n    deleteContactProperty(id: $id) {\n      __typename\n      ... on ContactProperty { id key }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PropertiesCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id properties { key type value } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation PropertiesCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id properties { key type value } }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PropertiesGetContact($id: ID!) {\n    contact(id: $id) { id properties { key type value } }\n  }\n"): (typeof documents)["\n  query PropertiesGetContact($id: ID!) {\n    contact(id: $id) { id properties { key type value } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsCreate($input: SegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on Segment { id name createdAt contactCount }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation SegmentsCreate($input: SegmentInput!) {\n    createSegment(input: $input) {\n      __typename\n      ... on Segment { id name createdAt contactCount }\n      ... on ValidationError { message issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsGet($id: ID!) {\n    segment(id: $id) { id name createdAt contactCount }\n  }\n"): (typeof documents)["\n  query SegmentsGet($id: ID!) {\n    segment(id: $id) { id name createdAt contactCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsList($first: Int, $after: String, $last: Int, $before: String) {\n    segments(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query SegmentsList($first: Int, $after: String, $last: Int, $before: String) {\n    segments(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsRename($id: ID!, $input: SegmentInput!) {\n    renameSegment(id: $id, input: $input) {\n      __typename\n      ... on Segment { id name }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation SegmentsRename($id: ID!, $input: SegmentInput!) {\n    renameSegment(id: $id, input: $input) {\n      __typename\n      ... on Segment { id name }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsDelete($id: ID!) {\n    deleteSegment(id: $id) {\n      __typename\n      ... on Segment { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation SegmentsDelete($id: ID!) {\n    deleteSegment(id: $id) {\n      __typename\n      ... on Segment { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation SegmentsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsAddContact($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id name } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation SegmentsAddContact($id: ID, $email: String, $segmentId: ID!) {\n    addContactToSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id name } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsRemoveContact($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation SegmentsRemoveContact($id: ID, $email: String, $segmentId: ID!) {\n    removeContactFromSegment(id: $id, email: $email, segmentId: $segmentId) {\n      __typename\n      ... on Contact { id email segments { edges { node { id } } } }\n      ... on NotFoundError { resource ref }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsContactSegments($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      segments(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id name } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentsContactSegments($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    contact(id: $id) {\n      segments(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id name } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsContactSegmentDates($id: ID!) {\n    contact(id: $id) {\n      segments {\n        edges { node { id createdAt addedAt } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SegmentsContactSegmentDates($id: ID!) {\n    contact(id: $id) {\n      segments {\n        edges { node { id createdAt addedAt } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsContactsInSegment($segmentId: ID!) {\n    contacts(filter: { segmentId: $segmentId }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n"): (typeof documents)["\n  query SegmentsContactsInSegment($segmentId: ID!) {\n    contacts(filter: { segmentId: $segmentId }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GuardTeam { team { name } }"): (typeof documents)["query GuardTeam { team { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SmokeCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email firstName }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation SmokeCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email firstName }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SmokeTeam { team { name } }"): (typeof documents)["query SmokeTeam { team { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TopicsCreate($input: CreateTopicInput!) {\n    createTopic(input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility createdAt }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation TopicsCreate($input: CreateTopicInput!) {\n    createTopic(input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility createdAt }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TopicsUpdate($id: ID!, $input: UpdateTopicInput!) {\n    updateTopic(id: $id, input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation TopicsUpdate($id: ID!, $input: UpdateTopicInput!) {\n    updateTopic(id: $id, input: $input) {\n      __typename\n      ... on Topic { id name description defaultSubscription visibility }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TopicsDelete($id: ID!) {\n    deleteTopic(id: $id) {\n      __typename\n      ... on Topic { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation TopicsDelete($id: ID!) {\n    deleteTopic(id: $id) {\n      __typename\n      ... on Topic { id name }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicsGet($id: ID!) {\n    topic(id: $id) { id name description defaultSubscription visibility createdAt }\n  }\n"): (typeof documents)["\n  query TopicsGet($id: ID!) {\n    topic(id: $id) { id name description defaultSubscription visibility createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicsList($first: Int, $after: String, $last: Int, $before: String) {\n    topics(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query TopicsList($first: Int, $after: String, $last: Int, $before: String) {\n    topics(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id name createdAt } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TopicsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation TopicsCreateContact($input: CreateContactInput!) {\n    createContact(input: $input) {\n      __typename\n      ... on Contact { id email }\n      ... on ValidationError { issues { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TopicsUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) {\n      __typename\n      ... on Contact {\n        id\n        topics { edges { node { id name subscription explicit defaultSubscription } } }\n      }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"): (typeof documents)["\n  mutation TopicsUpdateContactTopics($id: ID, $email: String, $topics: [TopicSubscriptionInput!]!) {\n    updateContactTopics(id: $id, email: $email, topics: $topics) {\n      __typename\n      ... on Contact {\n        id\n        topics { edges { node { id name subscription explicit defaultSubscription } } }\n      }\n      ... on ValidationError { issues { path message } }\n      ... on NotFoundError { resource ref }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicsContactTopics($id: ID!, $first: Int, $after: String) {\n    contact(id: $id) {\n      topics(first: $first, after: $after) {\n        edges { cursor node { id name description subscription explicit defaultSubscription } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TopicsContactTopics($id: ID!, $first: Int, $after: String) {\n    contact(id: $id) {\n      topics(first: $first, after: $after) {\n        edges { cursor node { id name description subscription explicit defaultSubscription } }\n        pageInfo { hasNextPage hasPreviousPage }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopicsContactsByTopic($topicId: ID!, $subscription: SubscriptionStatus) {\n    contacts(filter: { topicId: $topicId, topicSubscription: $subscription }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n"): (typeof documents)["\n  query TopicsContactsByTopic($topicId: ID!, $subscription: SubscriptionStatus) {\n    contacts(filter: { topicId: $topicId, topicSubscription: $subscription }, first: 100) {\n      totalCount\n      edges { node { email } }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;