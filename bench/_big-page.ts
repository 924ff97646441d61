// A page of N items for the big-page bench and e2e test: each item a short headline and a
// dateline byline paragraph, the shape the engine splits on (so the page really has N items).
const SURNAMES = '张王李赵刘陈杨黄周吴';
const PLACES = ['衡阳', '长沙', '湘潭', '株洲', '岳阳', '常德', '郴州', '永州'];

export function bigPageText(items: number): string {
  const out: string[] = [];
  for (let i = 0; i < items; i++) {
    const place = PLACES[i % PLACES.length]!;
    const name = `${SURNAMES[i % SURNAMES.length]}${SURNAMES[(i * 7 + 3) % SURNAMES.length]}明`;
    out.push(`${place}第${i + 1}项民生工程完工`);
    out.push(`本报讯（记者 ${name}）${place}市第${i + 1}项民生工程日前顺利完工，惠及群众${(i * 37) % 900 + 100}户。`);
    out.push('');
  }
  return out.join('\n');
}
