import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateTenantRequest } from '@trustops/contracts';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' })
  @IsString()
  @Length(2, 200, { message: 'name must be 2 to 200 characters' })
  @Matches(/[a-z0-9]/i, { message: 'name must contain a letter or a digit' })
  name!: string;

  @ApiPropertyOptional({ example: 'RRK', description: "The organisation's ODS code." })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{3,10}$/, { message: 'odsCode must be 3 to 10 letters and digits, e.g. RRK' })
  odsCode?: string;
}
