import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventBus } from './event-bus.js';
import { EventStreamHead } from './event-stream-head.entity.js';
import { EventRecord } from './event.entity.js';
import { EventsService } from './events.service.js';
import { StreamAccess } from './stream-access.js';

/**
 * The event log and its publisher, in every role (workers emit run events). The WebSocket
 * gateway that forwards events to browsers is EventsGatewayModule, loaded by API roles only.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EventRecord, EventStreamHead])],
  providers: [EventsService, StreamAccess, EventBus],
  exports: [EventsService, StreamAccess, EventBus],
})
export class EventsModule {}
