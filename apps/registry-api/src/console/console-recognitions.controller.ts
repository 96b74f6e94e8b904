import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, type ForeignVerificationOutcome, type RecognitionLevel, type RecognitionRevocationGround } from '@so-goc/domain';
import {
  PublicRoute,
  READ_ROLES,
  RecogniseForeignDiploma,
  RecognitionQuery,
  RecognitionsQuery,
  RecordRecognitionVerificationAnswer,
  RefuseRecognition,
  RevokeRecognition,
  SendRecognitionVerification,
} from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { consoleCommandContext, formValues, isRefusal, readDate, refusalErrors, type FormValues } from './pages/form-input';
import { recognitionPage, recognitionsPage, type RecognitionForm } from './pages/recognitions.page';
import type { FieldError } from './ui/components';
import { consoleBase } from './ui/layout';
import { pageContext } from './ui/request-context';

const DONE: Record<RecognitionForm, [string, string]> = {
  verification: ['Đã ghi nhận đề nghị xác minh đã gửi.', 'The verification request was recorded as sent.'],
  answer: ['Đã ghi nhận kết quả xác minh.', 'The verification answer was recorded.'],
  recognition: ['Đã công nhận và cấp số giấy công nhận.', 'Recognised; the document was numbered.'],
  refusal: ['Đã ghi văn bản từ chối.', 'The written refusal was recorded.'],
  revocation: ['Đã thu hồi giấy công nhận; cổng tra cứu trả lời "đã thu hồi".', 'The document was revoked; the portal answers REVOKED.'],
};

/**
 * Recognition of foreign diplomas in the console (§8, issue 18): the Sở's applications, and on one the steps
 * verification → answer → recognition or written refusal → revocation, through the API's commands. Reading
 * another Sở's application is 404, acting on it 403 (the handlers authorise on the record).
 */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code/recognitions')
export class ConsoleRecognitionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  async list(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const { recognitions } = await this.queries.execute(new RecognitionsQuery({ authorityCode: code }));
    sendPage(response, recognitionsPage(pageContext(request, response), recognitions));
  }

  /** Another Sở's application is 404: the same query, and the same rule, as the API's. */
  private view(code: string, recognitionId: string) {
    return this.queries.execute(new RecognitionQuery({ authorityCode: code, recognitionId }));
  }

  @Get(':recognitionId')
  @ConsolePage(...READ_ROLES)
  async show(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Query('done') done: string | undefined,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const words = done ? DONE[done as RecognitionForm] : undefined;
    sendPage(
      response,
      recognitionPage(ctx, { view: await this.view(code, recognitionId), ...(words ? { done: words[ctx.lang === 'vi' ? 0 : 1] } : {}) }),
    );
  }

  @Post(':recognitionId/:step')
  @ConsolePage('signer', 'registrar')
  async act(
    @Param('code') code: string,
    @Param('recognitionId') recognitionId: string,
    @Param('step') step: string,
    @Body() body: unknown,
    @Req() request: ConsoleRequest,
    @Res() response: Response,
  ): Promise<void> {
    const ctx = pageContext(request, response);
    const v = formValues(body);
    const errors: FieldError[] = [];
    const form = step as RecognitionForm;
    const on = { recognitionId, authorityCode: code };
    const date = (field: string, vi: string, en: string) => readDate(ctx.lang, v, field, errors, { vi, en });
    const fields: Record<string, string> = {};
    const run = async (): Promise<void> => {
      const context = consoleCommandContext(request, body);
      switch (form) {
        case 'verification': {
          const sentOn = date('sentOn', 'Ngày gửi', 'Date sent');
          if (errors.length === 0)
            await this.commands.execute(
              new SendRecognitionVerification(
                { ...on, sentOn, letterNumber: v['letterNumber'] ?? '', addressee: v['addressee'] ?? '' },
                context,
              ),
            );
          return;
        }
        case 'answer': {
          const answeredOn = date('answeredOn', 'Ngày trả lời', 'Date answered');
          if (errors.length === 0)
            await this.commands.execute(
              new RecordRecognitionVerificationAnswer(
                { ...on, answeredOn, outcome: (v['outcome'] ?? '') as ForeignVerificationOutcome, reference: v['reference'] ?? '' },
                context,
              ),
            );
          return;
        }
        case 'recognition': {
          const decidedOn = date('decidedOn', 'Ngày công nhận', 'Decision date');
          if (errors.length === 0)
            await this.commands.execute(
              new RecogniseForeignDiploma(
                { ...on, decidedOn, equivalentTo: (v['equivalentTo'] ?? '') as RecognitionLevel, signerId: v['signerId'] ?? '' },
                context,
              ),
            );
          return;
        }
        case 'refusal': {
          Object.assign(fields, { letterNumber: 'refusalLetterNumber', signerId: 'refusalSignerId' });
          const refusedOn = date('refusedOn', 'Ngày văn bản', 'Letter date');
          if (errors.length === 0)
            await this.commands.execute(
              new RefuseRecognition(
                {
                  ...on,
                  refusedOn,
                  letterNumber: v['refusalLetterNumber'] ?? '',
                  reasons: v['reasons'] ?? '',
                  signerId: v['refusalSignerId'] ?? '',
                },
                context,
              ),
            );
          return;
        }
        case 'revocation': {
          Object.assign(fields, { grounds: 'ground' });
          const revokedOn = date('revokedOn', 'Ngày quyết định', 'Decision date');
          if (errors.length === 0)
            await this.commands.execute(
              new RevokeRecognition(
                {
                  ...on,
                  decisionNumber: v['decisionNumber'] ?? '',
                  revokedOn,
                  grounds: [(v['ground'] ?? '') as RecognitionRevocationGround],
                  reasons: v['reasons'] ?? '',
                  signerId: v['signerId'] ?? '',
                },
                context,
              ),
            );
          return;
        }
        default:
          throw new DomainError({ code: 'NOT_FOUND', kind: 'not_found', messageVi: 'Không có thao tác này.', messageEn: 'No such act.' });
      }
    };
    try {
      await run();
      if (errors.length === 0)
        return response.redirect(303, `${consoleBase(code)}/recognitions/${encodeURIComponent(recognitionId)}?done=${form}`);
    } catch (error) {
      if (isRefusal(error)) errors.push(...refusalErrors(ctx.lang, error, fields));
      else throw error;
    }
    sendPage(response, recognitionPage(ctx, { view: await this.view(code, recognitionId), form, values: v as FormValues, errors }), 400);
  }
}
