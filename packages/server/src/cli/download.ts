import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RosterClient } from './client';
import { bytes, note } from './output';

/**
 * Streams a CSV download to stdout (or a file), chunk by chunk with back-pressure: never the whole
 * file in memory. A reader that goes away (`| head`) ends it quietly.
 */
export async function download(client: RosterClient, path: string, params: Record<string, string | undefined>, output?: string): Promise<void> {
  const body = await client.download(path, params);
  const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  if (output) {
    let written = 0;
    source.on('data', (chunk: Buffer) => {
      written += chunk.length;
    });
    await pipeline(source, createWriteStream(output));
    note(`Wrote ${output} (${bytes(written)}).`);
    return;
  }
  try {
    await pipeline(source, process.stdout, { end: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    throw error;
  }
}
