import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parseInput } from '../http/query';
import { pointInTime } from '../http/time-params';
import { RulesService } from './rules.service';

const backtestJson = z.object({ rules: z.string().min(1, 'expected the rules file as text'), since: pointInTime.optional(), until: pointInTime.optional() }).strict();
const backtestQuery = z.object({ since: pointInTime.optional(), until: pointInTime.optional() }).strict();

@ApiTags('rules')
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @ApiOperation({ summary: 'The active rules, their hash and when they became active' })
  active() {
    return this.rules.active();
  }

  @Post('backtest')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What candidate rules would have fired over the stored history, and the diff against the active rules',
    description: 'Send the rules YAML as the body (text/yaml or text/plain; since/until in the query), or JSON {rules, since?, until?}. Read-only.',
  })
  @ApiConsumes('application/json', 'text/yaml', 'text/plain')
  @ApiBody({ schema: { example: { rules: 'rules:\n  - id: any\n    when: { topic: ai-chip-export-controls, minScore: 0.7 }\n    severity: medium\n', since: '30d' } } })
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'until', required: false })
  backtest(@Body() body: unknown, @Query() query: unknown, @Headers('content-type') contentType: string | undefined) {
    if (typeof body === 'string' || !/json/i.test(contentType ?? '')) {
      const { since, until } = parseInput(backtestQuery, query);
      if (typeof body !== 'string' || body.trim() === '') parseInput(backtestJson, {}, 'body');
      return this.rules.backtest(body as string, since, until);
    }
    const { rules, since, until } = parseInput(backtestJson, body, 'body');
    return this.rules.backtest(rules, since, until);
  }
}
