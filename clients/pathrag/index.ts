export { createPathragClient, type PathragClient, type PathragClientOptions } from './client';
