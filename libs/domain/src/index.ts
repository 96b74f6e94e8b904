export * from './shared/errors';
export * from './shared/decider';
export * from './shared/command-context';
export * from './shared/nfc';
export * from './shared/validation';
export * from './authorities/authority';
export * from './authorities/authority.decider';
