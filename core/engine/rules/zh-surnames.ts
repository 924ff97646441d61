// Chinese surnames: language knowledge of the zh rule pack, read where a name has to be told from
// other words (a bracketed sign-off, names in running text for tagging).

/** Common single-character surnames (the ~150 most frequent) and compound surnames. */
const SURNAMES_1 = new Set(
  [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习'],
);
const SURNAMES_2 = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '南宫'];

/** Length of the surname that starts at `i` (2 for a compound surname, 1, or 0 for none). */
export function surnameAt(text: string, i: number): number {
  for (const s of SURNAMES_2) if (text.startsWith(s, i)) return 2;
  return SURNAMES_1.has(text[i] ?? '') ? 1 : 0;
}
