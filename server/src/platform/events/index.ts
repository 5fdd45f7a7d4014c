// What other modules use of the event log (import from here, not from the files).
export { EventsModule } from './events.module.js';
export {
  EventsService,
  MAX_EVENTS_PER_READ,
  type AlongsideChanges,
  type NewEvent,
  type PreparedAppend,
} from './events.service.js';
export { StreamAccess, STREAM_PERMISSIONS, type StreamAccessCheck } from './stream-access.js';
