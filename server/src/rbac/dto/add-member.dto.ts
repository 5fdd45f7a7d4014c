import { ApiProperty } from '@nestjs/swagger';
import type { AddMemberRequest } from '@trustops/contracts';
import { IsEmail, Matches } from 'class-validator';

export class AddMemberDto implements AddMemberRequest {
  @ApiProperty({ example: 'david.evans@nhs.net' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ example: 'compliance', description: 'A built-in role name or a custom role key.' })
  @Matches(/^[a-z][a-z0-9-]{1,62}$/, { message: 'role must be a role key: lower-case letters, digits and hyphens' })
  role!: string;
}
