import { parentPort, workerData } from 'node:worker_threads';
import type { DiplomaFace } from './diploma-face';
import { renderPage, type RenderedPage, type RenderSettings } from './page-content';

// Entry point of a page-rendering worker thread (see page-workers.ts). Nearly all of a page's cost is
// the QR encoder's mask search; running it here puts both cores to work on a print run.

export interface PageJob {
  id: number;
  faces: DiplomaFace[];
}

export type PageJobResult = { id: number; pages: RenderedPage[] } | { id: number; error: string };

const port = parentPort;
if (port) {
  const settings = workerData as RenderSettings;
  port.on('message', (job: PageJob) => {
    try {
      const pages = job.faces.map((face) => renderPage(face, settings));
      // Each content stream owns its buffer (see renderPage), so it moves to the main thread without a copy.
      port.postMessage(
        { id: job.id, pages } satisfies PageJobResult,
        pages.map((page) => page.content.buffer as ArrayBuffer),
      );
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies PageJobResult);
    }
  });
}
