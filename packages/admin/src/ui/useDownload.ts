import { useCallback } from 'react';
import { useCreateDownloadUrlMutation } from './Download.generated';

/**
 * Downloads a CSV of any size: the server signs a short-lived link for it (the link carries no
 * key), and the browser follows it, streaming the file to disk instead of holding it in memory.
 * Resolves with an error message to show, or null once the download has started.
 */
export function useDownload(): (path: string, fileName: string) => Promise<string | null> {
  const [, createUrl] = useCreateDownloadUrlMutation();
  return useCallback(
    async (path, fileName) => {
      const result = await createUrl({ path });
      const signed = result.data?.createDownloadUrl;
      if (signed?.__typename !== 'DownloadUrl') {
        return signed?.__typename === 'ValidationError' ? signed.message : 'Roster could not be reached. Try again in a moment.';
      }
      const link = document.createElement('a');
      link.href = signed.url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      return null;
    },
    [createUrl],
  );
}
