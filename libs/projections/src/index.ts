export * from './projection';
export * from './projection-loop';
export * from './projection-runner';
export * from './read-model-database';
export * from './table-hash';
export * from './all-projections';
export * from './authorities/authorities.projection';
export * from './officers/officers.projection';
