import { Navigate, Route, Routes } from 'react-router';
import { ContactPage } from './contacts/ContactPage';
import { ContactsPage } from './contacts/ContactsPage';
import { AddContactsPage } from './contacts/AddContactsPage';
import { HomePage } from './home/HomePage';
import { ImportDetailPage } from './imports/ImportDetailPage';
import { ImportWizardPage } from './imports/ImportWizardPage';
import { ImportsPage } from './imports/ImportsPage';
import { KeysPage } from './keys/KeysPage';
import { Layout } from './Layout';
import { PropertiesPage } from './properties/PropertiesPage';
import { SegmentsPage } from './segments/SegmentsPage';
import { TopicsPage } from './topics/TopicsPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="contacts" element={<ContactsPage />} />
        <Route path="contacts/add" element={<AddContactsPage />} />
        <Route path="contacts/:id" element={<ContactPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route path="imports/new" element={<ImportWizardPage />} />
        <Route path="imports/:id" element={<ImportDetailPage />} />
        <Route path="segments" element={<SegmentsPage />} />
        <Route path="topics" element={<TopicsPage />} />
        <Route path="properties" element={<PropertiesPage />} />
        <Route path="keys" element={<KeysPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
