export * from './format';
export * from './build';
export * from './diff';
export * from './view';
export * from './labels';
export * from './search-text';
export * from './anonymise';
