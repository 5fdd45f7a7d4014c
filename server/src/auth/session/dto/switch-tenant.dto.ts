import { ApiProperty } from '@nestjs/swagger';
import type { SwitchTenantRequest } from '@trustops/contracts';
import { IsUUID } from 'class-validator';

export class SwitchTenantDto implements SwitchTenantRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'tenantId must be the id of one of your organisations' })
  tenantId!: string;
}
