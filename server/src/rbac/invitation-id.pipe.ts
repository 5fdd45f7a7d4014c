import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** The `:invitationId` of a route: what is not an invitation's id is an invitation not found (404). */
export function invitationIdPipe(): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('There is no such invitation.') });
}
