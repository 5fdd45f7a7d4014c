import { ApiProperty } from '@nestjs/swagger';
import type { AssignRoleRequest } from '@trustops/contracts';
import { Matches } from 'class-validator';

export class AssignRoleDto implements AssignRoleRequest {
  @ApiProperty({ example: 'supervisor', description: 'A built-in role name or a custom role key.' })
  @Matches(/^[a-z][a-z0-9-]{1,62}$/, { message: 'role must be a role key: lower-case letters, digits and hyphens' })
  role!: string;
}
