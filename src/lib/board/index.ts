export * from './schema';
export * from './ids';
export * from './template';
export * from './cards';
export * from './links';
export * from './read';
export * from './permissions';
export * from './export';
