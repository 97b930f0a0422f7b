import { escapeData, escapeProperty, github } from '../../src/report/github.js';
import { PLAIN_COLORS } from '../../src/report/color.js';

const context = { cwd: '/repo', colors: PLAIN_COLORS, rules: [], version: '0' };

describe('github annotations', () => {
  test('message data escapes %, CR and LF, in that order', () => {
    expect(escapeData('100% done\r\nnext %0A')).toBe('100%25 done%0D%0Anext %250A');
  });

  test('property values also escape : and ,', () => {
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  test('one workflow command per diagnostic, with file, position, end and title', () => {
    const text = github(
      [
        {
          filePath: '/repo/docs/a,b:c.flow',
          source: '',
          diagnostics: [
            {
              ruleId: 'dead-end',
              severity: 'warning',
              message: 'stops: here, 50%',
              span: { line: 2, column: 3, endLine: 2, endColumn: 9 },
              notes: ['fix it'],
            },
            {
              ruleId: 'syntax',
              severity: 'error',
              message: 'bad',
              span: { line: 4, column: 1, endLine: 5, endColumn: 2 },
            },
          ],
        },
      ],
      context,
    );
    expect(text).toBe(
      '::warning file=docs/a%2Cb%3Ac.flow,line=2,col=3,endLine=2,endColumn=9,title=flowc dead-end::stops: here, 50%25%0Afix it\n' +
        '::error file=docs/a%2Cb%3Ac.flow,line=4,col=1,endLine=5,endColumn=2,title=flowc syntax::bad\n',
    );
  });
});
