export * from './resource_link.js';
export * from './nrps.js';
export * from './ags.js';
export * from './deep_linking.js';
