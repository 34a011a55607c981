// Run by tests/pipeline/compiler.test.ts: node --allow-natives-syntax compiler-probe.mjs DIST prints whether a
// long function (over 4,000 bytes of bytecode) and a short one got TurboFan code after 200,000 calls each.
const [dist] = process.argv.slice(2);
const { tuneCompiler } = await import(`${dist}/pipeline/compiler.js`);
const limit = tuneCompiler();
const body = [];
for (let i = 0; i < 400; i++) body.push(`if (x[${i % 7}] > ${i}) s += x[${i % 5}] * ${i}; else s -= ${i};`);
const long = new Function('x', `let s = 0; ${body.join('\n')} return s;`);
const short = new Function('x', 'let s = 0; for (let i = 0; i < x.length; i++) s += x[i]; return s;');
const x = [1, 2, 3, 400, 5, 6, 7];
let t = 0;
for (let i = 0; i < 200000; i++) t += long(x) + short(x);
const turbo = (f) => (eval('%GetOptimizationStatus(f)') & 64) !== 0;
console.log(JSON.stringify({ limit, long: turbo(long), short: turbo(short), t: t > 0 }));
