import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERMISSIONS, type CreateApiTokenRequest, type Permission } from '@trustops/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';

export class CreateApiTokenDto implements CreateApiTokenRequest {
  @ApiProperty({ example: 'MCP delegation from my laptop' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name!: string;

  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'permissions must list at least one permission' })
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, {
    each: true,
    message: 'permissions must contain only known permissions (see PERMISSIONS in libs/contracts)',
  })
  permissions!: Permission[];

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'expiresInDays must be a whole number of days from 1 to 365' })
  @Min(1, { message: 'expiresInDays must be a whole number of days from 1 to 365' })
  @Max(365, { message: 'expiresInDays must be a whole number of days from 1 to 365' })
  expiresInDays?: number;
}
