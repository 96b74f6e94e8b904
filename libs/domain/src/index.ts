export * from './shared/errors';
export * from './shared/decider';
export * from './shared/command-context';
export * from './shared/nfc';
