import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseInput } from '../http/query';
import { storiesQuerySchema, storyParamsSchema } from './stories.query';
import { StoryReaderService } from './story-reader.service';

@ApiTags('stories')
@Controller('stories')
export class StoriesController {
  constructor(private readonly stories: StoryReaderService) {}

  @Get()
  @ApiOperation({ summary: 'Stories, newest first by discovery, with their latest classification' })
  @ApiQuery({ name: 'relevant', required: false, description: 'true: only stories classified on topic' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 time, or a span such as 24h or 30d (discovery time)' })
  @ApiQuery({ name: 'language', required: false })
  @ApiQuery({ name: 'feed', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'Text in title or summary, case-insensitive' })
  @ApiQuery({ name: 'cursor', required: false, description: '`next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1..200, default 50' })
  list(@Query() query: unknown) {
    return this.stories.list(parseInput(storiesQuerySchema, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One story, its current classification with evidence, and its events' })
  @ApiNotFoundResponse()
  get(@Param() params: unknown) {
    return this.stories.get(parseInput(storyParamsSchema, params, 'path').id);
  }
}
