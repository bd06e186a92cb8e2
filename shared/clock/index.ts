export * from './profiles';
export * from './extensions';
export * from './caseClocks';
