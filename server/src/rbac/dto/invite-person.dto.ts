import { ApiProperty } from '@nestjs/swagger';
import type { InvitePersonRequest } from '@trustops/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, Matches, MaxLength } from 'class-validator';

export class InvitePersonDto implements InvitePersonRequest {
  @ApiProperty({ example: 'david.evans@nhs.net' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ example: 'compliance', description: 'A built-in role name or a custom role key.' })
  @Matches(/^[a-z][a-z0-9-]{1,62}$/, { message: 'role must be a role key: lower-case letters, digits and hyphens' })
  role!: string;
}
