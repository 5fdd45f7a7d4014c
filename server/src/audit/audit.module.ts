import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AuditRecord } from './audit-record.entity.js';
import { AuditController } from './audit.controller.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditService } from './audit.service.js';
import { RequestAudit } from './request-audit.service.js';

/**
 * The tamper-evident audit trail. Other modules inject `AuditService` and call `record`; every
 * state-changing request is also recorded automatically (AuditInterceptor, and AccessGuard
 * through `RequestAudit` for the requests it refuses).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditRecord]), TenancyModule],
  controllers: [AuditController],
  providers: [AuditService, RequestAudit, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService, RequestAudit],
})
export class AuditModule {}
