export * from './resource_link.js';
export * from './nrps.js';
export * from './ags.js';
export * from './deep_linking.js';
export * from './lti1p1.js';
export * from './registration.js';
export * from './basic_outcomes.js';
