export * from './legacy-book';
export * from './legacy-entry';
export * from './page-scan';
export * from './legacy-book.decider';
export * from './legacy-kinds';
