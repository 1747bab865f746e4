import { BadRequestException, Body, Controller, Post, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext } from '@serviceledger/platform/nest';
import { EmailIntake, EmailIntakeResult, MAX_INBOUND_EMAIL_BYTES } from './email-intake';
import { MalformedEmailError } from './malformed-email-error';
import { RFC822_MEDIA_TYPE } from './rfc822-body-parser';

/**
 * The e-mail channel over HTTP, for a mail server that delivers by webhook rather than SMTP: the
 * raw message as it arrived, answered as the SMTP listener would decide it.
 */
@Controller('intake/email')
export class InboundEmailController {
  constructor(private readonly intake: EmailIntake) {}

  @ApiOperation({ summary: 'Hand in an inbound e-mail: a new demand or a message on one' })
  @Post('inbound')
  @RequirePermission('email:ingest')
  @ApiConsumes(RFC822_MEDIA_TYPE)
  @ApiBody({
    description: `A raw RFC 822 message as the relay received it, at most ${MAX_INBOUND_EMAIL_BYTES} bytes, with the relay's Authentication-Results (its authserv-id among INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS) and Return-Path. A reply (In-Reply-To, References or a reference such as SR-2026-000123 in the subject) from a proven sender who is the demand's contact or its customer's address joins its demand's conversation; a proven sender's other mail opens a demand under the customer with that address; any other mail opens a demand flagged senderNotVerified, for an agent, and adds nothing to what it claimed; a repeat appends nothing. A malformed message answers 400 with the reason.`,
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({
    description:
      'demandId, reference, outcome (new-demand, added-to-conversation or duplicate), checkpoint to read after; repliedTo when the mail answered a closed or withdrawn demand and so opened a new one; senderNotVerified when the mail did not prove its sender and its demand is flagged',
  })
  async receive(@Body() raw: unknown, @CommandContext() metadata: CommandMetadata): Promise<EmailIntakeResult> {
    if (!Buffer.isBuffer(raw)) {
      throw new UnsupportedMediaTypeException(`Send the raw message with Content-Type: ${RFC822_MEDIA_TYPE}`);
    }
    const { actor, correlationId, traceparent } = metadata;
    try {
      return await this.intake.receive(raw, actor, { correlationId, ...(traceparent ? { traceparent } : {}) });
    } catch (error) {
      if (error instanceof MalformedEmailError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
