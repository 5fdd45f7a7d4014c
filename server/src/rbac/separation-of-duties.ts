import { ForbiddenException } from '@nestjs/common';

/**
 * Separation of duties: whoever asked for something (started the run, raised the change) cannot
 * also approve it. Throws 403 when they are the same person.
 */
export function assertNotRequester(requesterId: string | null | undefined, approverId: string): void {
  if (requesterId && requesterId === approverId) {
    throw new ForbiddenException(
      'You cannot approve your own request. Separation of duties needs a different person to approve it.',
    );
  }
}
