import { describe, expect, it } from 'vitest';
import { joinParagraphs, type BodyPiece } from '../../core/engine/paragraphs.ts';

/** Pieces of one paragraph, offsets laid end to end with a line break between. */
function oneParagraph(lines: string[]): BodyPiece[] {
  let offset = 0;
  return lines.map((text, i) => {
    const piece = { text, start: offset, end: offset + text.length, opensParagraph: i === 0 };
    offset += text.length + 1;
    return piece;
  });
}

const joined = (lines: string[]): string => joinParagraphs(oneParagraph(lines))[0]!.text;

describe('joinParagraphs', () => {
  it('joins CJK lines without a space and Latin words with one', () => {
    expect(joined(['立足新发展阶段、', '贯彻新发展理念'])).toBe('立足新发展阶段、贯彻新发展理念');
    expect(joined(['The council met on', 'Monday'])).toBe('The council met on Monday');
  });

  it('joins a number a Chinese column wrapped inside it without a space', () => {
    expect(joined(['市委副书记、市长朱健到石鼓区。1', '0月28日上午'])).toBe('市委副书记、市长朱健到石鼓区。10月28日上午');
    expect(joined(['增长了3.', '5%，推进5', 'G网络建设'])).toBe('增长了3.5%，推进5G网络建设');
  });

  it('keeps the space between two words of an English phrase inside Chinese text', () => {
    expect(joined(['发布会上展示了 iPhone', 'Pro 手机'])).toBe('发布会上展示了 iPhone Pro 手机');
    expect(joined(['in 2021', '10 people came'])).toBe('in 2021 10 people came');
  });

  it('joins a Latin word split inside Chinese text on both sides', () => {
    expect(joined(['国内生产总值（GD', 'P）增长'])).toBe('国内生产总值（GDP）增长');
  });

  it('drops a hyphen that split an English word', () => {
    expect(joined(['the recon-', 'struction began'])).toBe('the reconstruction began');
  });
});
