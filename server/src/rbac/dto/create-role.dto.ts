import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERMISSIONS, type CreateRoleRequest, type Permission } from '@trustops/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateRoleDto implements CreateRoleRequest {
  @ApiProperty({ example: 'ward-manager' })
  @Matches(/^[a-z][a-z0-9-]{1,62}$/, {
    message: 'key must be 2 to 63 lower-case letters, digits and hyphens, starting with a letter',
  })
  key!: string;

  @ApiProperty({ example: 'Ward manager' })
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500, { message: 'description must be at most 500 characters' })
  description?: string;

  @ApiProperty({ enum: PERMISSIONS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'permissions must list at least one permission' })
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, {
    each: true,
    message: 'permissions must contain only known permissions (see PERMISSIONS in libs/contracts)',
  })
  permissions!: Permission[];
}
