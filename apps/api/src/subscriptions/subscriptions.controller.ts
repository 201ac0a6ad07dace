import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createSubscriptionSchema, updateSubscriptionSchema } from '@chipwatch/notifications';
import { z } from 'zod';
import { parseInput } from '../http/query';
import { SubscriptionsService } from './subscriptions.service';

// REST's ids (sub_<hex>) and subscribers.yaml's (cfg_<entry id>[_<n>]).
const params = z
  .object({ id: z.string().regex(/^([a-z]{3,4}_[a-f0-9]{8,40}|cfg_[a-z0-9][a-z0-9-]{0,63}(_\d{1,6})?)$/, 'expected a subscription id such as sub_… or cfg_…') })
  .strict();

@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a webhook, Slack incoming webhook or email address to alerts' })
  @ApiBody({ schema: { example: { name: 'trading desk', channel: 'webhook', url: 'https://hooks.example.com/chipwatch', minSeverity: 'medium', rules: ['new-us-restrictions'] } } })
  @ApiCreatedResponse({ description: 'The subscription; for webhooks `secret` (whsec_…) is shown only here' })
  create(@Body() body: unknown) {
    return this.subscriptions.create(parseInput(createSubscriptionSchema, body, 'body'));
  }

  @Get()
  list() {
    return this.subscriptions.list();
  }

  @Get(':id')
  @ApiNotFoundResponse()
  get(@Param() p: unknown) {
    return this.subscriptions.get(parseInput(params, p, 'path').id);
  }

  @Patch(':id')
  @ApiBody({ schema: { example: { minSeverity: 'high' } } })
  update(@Param() p: unknown, @Body() body: unknown) {
    return this.subscriptions.update(parseInput(params, p, 'path').id, parseInput(updateSubscriptionSchema, body, 'body'));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param() p: unknown): Promise<void> {
    await this.subscriptions.remove(parseInput(params, p, 'path').id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: "Send a test notification now and report the receiver's answer" })
  test(@Param() p: unknown) {
    return this.subscriptions.test(parseInput(params, p, 'path').id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the webhook signing secret; the new one is shown only in this response' })
  rotate(@Param() p: unknown) {
    return this.subscriptions.rotateSecret(parseInput(params, p, 'path').id);
  }
}
