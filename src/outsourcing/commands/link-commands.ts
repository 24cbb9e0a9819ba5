import type { Command } from '../../chat/commands/command.js';
import { createAccessLink, revokePartnerLinks } from '../links.js';
import { outsourcingMessages as m } from '../messages.js';
import { formatDateTime } from '../../shared/display.js';
import { findPartner } from '../partner-service.js';

const BOARD_LINK_DAYS = 365;

/** 外协链接 <外协厂>: a link for a partner with no chat account; it opens their order page. */
export const partnerLinkCommand: Command = {
  name: '外协链接',
  aliases: ['partner-link'],
  roles: ['coordinator', 'supervisor'],
  help: '生成外协厂专用链接（手机打开即可更新状态、上传照片）',
  args: [{ name: 'partner', label: '外协厂', kind: 'text' }],
  async run(ctx, args) {
    const partner = await findPartner(ctx.em, String(args.partner));
    const now = ctx.clock.now();
    const days = ctx.config.outsourcing.linkDays;
    const { token, link } = await createAccessLink(ctx.em, 'partner', {
      partner,
      createdBy: ctx.person.id,
      now,
      days,
    });
    ctx.reply(
      m.linkCreated(
        partner.name,
        `${ctx.publicUrl}/p/${token}`,
        formatDateTime(link.expiresAt ?? now, now, ctx.tz),
      ),
    );
  },
};

export const revokeLinksCommand: Command = {
  name: '撤销链接',
  aliases: ['revoke-link'],
  roles: ['coordinator', 'supervisor'],
  help: '让某外协厂的专用链接立即失效',
  args: [{ name: 'partner', label: '外协厂', kind: 'text' }],
  async run(ctx, args) {
    const partner = await findPartner(ctx.em, String(args.partner));
    ctx.reply(m.linksRevoked(partner.name, await revokePartnerLinks(ctx.em, partner.code, ctx.clock.now())));
  },
};

/** 看板链接: the read-only board page for the control-room screen. */
export const boardLinkCommand: Command = {
  name: '看板链接',
  aliases: ['board-link'],
  roles: ['coordinator', 'supervisor', 'manager'],
  help: '生成外发看板网页链接（车间大屏用）',
  args: [],
  async run(ctx) {
    const now = ctx.clock.now();
    const { token, link } = await createAccessLink(ctx.em, 'board', {
      createdBy: ctx.person.id,
      now,
      days: BOARD_LINK_DAYS,
    });
    const url = `${ctx.publicUrl}/board/outsourcing?token=${token}`;
    ctx.reply(m.boardLinkCreated(url, formatDateTime(link.expiresAt ?? now, now, ctx.tz)));
  },
};
