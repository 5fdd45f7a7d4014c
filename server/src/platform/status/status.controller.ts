import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PlatformStatusResponse } from '@trustops/contracts';
import { PlatformStatusDto } from './platform-status.dto.js';
import { StatusService } from './status.service.js';
import { Public } from '../../rbac/access.decorators.js';

@ApiTags('platform')
@Public()
@Controller('api/status')
export class StatusController {
  constructor(private readonly statusService: StatusService) {}

  @Get()
  @ApiOperation({ summary: 'What the home page shows about the platform: version, dependencies, model engine.' })
  @ApiOkResponse({ type: PlatformStatusDto })
  status(): Promise<PlatformStatusResponse> {
    return this.statusService.status();
  }
}
