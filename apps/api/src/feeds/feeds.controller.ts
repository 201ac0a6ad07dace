import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parseInput } from '../http/query';
import { FeedHealthService } from './feed-health.service';

const feedParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected a feed id from feeds.yaml') }).strict();

@ApiTags('feeds')
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedHealthService) {}

  @Get()
  @ApiOperation({ summary: 'Configured feeds and their health: last poll, failures, next poll, stories, 304 share' })
  list() {
    return this.feeds.list();
  }

  @Get(':id')
  @ApiParam({ name: 'id', example: 'wccftech' })
  @ApiNotFoundResponse({ description: 'No such feed in feeds.yaml' })
  get(@Param() params: unknown) {
    return this.feeds.get(parseInput(feedParams, params, 'path').id);
  }

  @Post(':id/poll')
  @HttpCode(202)
  @ApiOperation({ summary: 'Poll this feed now' })
  @ApiAcceptedResponse({ schema: { example: { feedId: 'wccftech', jobId: 'poll-feed:wccftech:manual-2026-11-29T10:00:00.000Z', queued: true } } })
  @ApiNotFoundResponse({ description: 'No such feed in feeds.yaml' })
  poll(@Param() params: unknown) {
    return this.feeds.pollNow(parseInput(feedParams, params, 'path').id);
  }
}
