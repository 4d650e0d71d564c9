export * from './resource_link.js';
