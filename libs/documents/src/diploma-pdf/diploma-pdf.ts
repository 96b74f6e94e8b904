import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { FileSink, MemorySink, type ByteSink } from '../pdf/stream-writer/byte-sink';
import type { BlankTemplateLayout, Calibration, DiplomaFace, DiplomaKind, DiplomaPrintMode } from './diploma-face';
import { DiplomaDocument, type DocumentInfo } from './diploma-document';
import { renderPage, type RenderedPage, type RenderSettings } from './page-content';
import { PageWorkerPool } from './page-workers';
import { builtInLayout, DEFAULT_TEMPLATE_VERSION, hasBuiltInLayout } from './templates';

export interface DiplomaPdfOptions {
  mode: DiplomaPrintMode;
  /** Per kind; the built-in layout of `templateVersion` for a kind not given. */
  layouts?: Partial<Record<DiplomaKind, BlankTemplateLayout>>;
  templateVersion?: string;
  /** Overlay mode only: the office printer's offset. */
  calibration?: Calibration;
  title?: string;
  /** ISO instant written as the creation date; without it the file carries no date at all. */
  generatedAt?: string;
}

export interface PrintRunPdfOptions extends DiplomaPdfOptions {
  /**
   * Worker threads rendering pages. Defaults to one per core for a file and none for an in-memory run;
   * the bytes are the same either way.
   */
  workers?: number;
  /**
   * Told the number of pages written so far, after each batch is added to the file: how a console job
   * shows a long run's progress (issue 13) from the real work rather than a guess.
   */
  onPage?: (pagesWritten: number) => void;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  sha256: string;
}

export interface PrintRunFile {
  path: string;
  sha256: string;
  byteLength: number;
  pageCount: number;
}

const BATCH = 32;

function settingsOf(options: DiplomaPdfOptions): RenderSettings {
  const version = options.templateVersion ?? DEFAULT_TEMPLATE_VERSION;
  // A file holds one kind in practice; the other kind's slot falls back to the default when the version has
  // no blank of that kind, rather than refusing a THPT run on TT10-2026 for want of a THCS layout.
  const layoutFor = (kind: DiplomaKind) =>
    options.layouts?.[kind] ?? builtInLayout(kind, hasBuiltInLayout(kind, version) ? version : DEFAULT_TEMPLATE_VERSION);
  return {
    mode: options.mode,
    layouts: { THPT: layoutFor('THPT'), THCS: layoutFor('THCS') },
    calibration: options.calibration ?? { dx: 0, dy: 0 },
  };
}

/** One diploma, one page. */
export async function renderDiplomaPdf(face: DiplomaFace, options: DiplomaPdfOptions): Promise<RenderedPdf> {
  const settings = settingsOf(options);
  const sink = new MemorySink();
  const title = options.title ?? `Bằng tốt nghiệp ${face.kind} – ${face.fullName.normalize('NFC')} – ${face.registerNumber}`;
  const doc = new DiplomaDocument(sink, settings, infoOf(options, title));
  doc.addPage(renderPage(face, settings));
  await doc.finish();
  return sink.close();
}

/** A print run held in memory: one page per diploma, in the order given. */
export async function renderPrintRunPdf(
  faces: Iterable<DiplomaFace> | AsyncIterable<DiplomaFace>,
  options: PrintRunPdfOptions,
): Promise<RenderedPdf & { pageCount: number }> {
  const sink = new MemorySink();
  const pageCount = await writeRun(faces, sink, { ...options, workers: options.workers ?? 0 });
  return { ...sink.close(), pageCount };
}

/**
 * A print run written straight to a file as pages are produced: memory stays flat however long the run,
 * and the SHA-256 comes from the bytes as they were written. A failed run leaves no partial file.
 */
export async function writePrintRunPdf(
  faces: Iterable<DiplomaFace> | AsyncIterable<DiplomaFace>,
  path: string,
  options: PrintRunPdfOptions,
): Promise<PrintRunFile> {
  const sink = new FileSink(path);
  try {
    const pageCount = await writeRun(faces, sink, options);
    return { path, ...sink.close(), pageCount };
  } catch (error) {
    sink.abandon();
    rmSync(path, { force: true });
    throw error;
  }
}

function infoOf(options: DiplomaPdfOptions, title: string): DocumentInfo {
  const subject = `Mẫu ${options.templateVersion ?? DEFAULT_TEMPLATE_VERSION}`;
  return options.generatedAt === undefined ? { title, subject } : { title, subject, generatedAt: options.generatedAt };
}

// Rendering on the calling thread still hands the event loop back between batches: a long run must not
// stall the requests an API process is serving meanwhile.
async function renderHere(batch: DiplomaFace[], settings: RenderSettings): Promise<RenderedPage[]> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return batch.map((face) => renderPage(face, settings));
}

async function writeRun(
  faces: Iterable<DiplomaFace> | AsyncIterable<DiplomaFace>,
  sink: ByteSink,
  options: PrintRunPdfOptions,
): Promise<number> {
  const settings = settingsOf(options);
  const doc = new DiplomaDocument(sink, settings, infoOf(options, options.title ?? 'Đợt in bằng tốt nghiệp'));
  const workers = options.workers ?? availableParallelism();
  const pool = workers > 0 ? new PageWorkerPool(workers, settings) : undefined;
  // Batches in flight, oldest first: pages are written strictly in input order whichever worker finishes first.
  const inFlight: Array<Promise<RenderedPage[]>> = [];
  const submit = (batch: DiplomaFace[]) => {
    const rendered = pool ? pool.render(batch) : renderHere(batch, settings);
    rendered.catch(() => undefined); // awaited in order below; this only stops an early rejection being reported as unhandled
    inFlight.push(rendered);
  };
  const drain = async (keep: number) => {
    while (inFlight.length > keep) {
      for (const page of await (inFlight.shift() as Promise<RenderedPage[]>)) doc.addPage(page);
      options.onPage?.(doc.pages);
    }
  };
  try {
    let batch: DiplomaFace[] = [];
    for await (const face of faces) {
      batch.push(face);
      if (batch.length < BATCH) continue;
      submit(batch);
      batch = [];
      await drain(2 * workers);
    }
    if (batch.length > 0) submit(batch);
    await drain(0);
    await doc.finish();
    return doc.pages;
  } finally {
    await pool?.close();
  }
}
