// Compiles a Typst file to PDF with typst.ts's native Node compiler (Typst 0.14), fonts from
// a folder only. usage: node bench/typst.js MAIN.typ OUT.pdf FONTDIR
const fs = require("fs");
const path = require("path");
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
const [main, out, fonts] = process.argv.slice(2);
const c = NodeCompiler.create({
	workspace: "/",  // photos are named by absolute paths
	fontArgs: [{ fontPaths: [path.resolve(fonts)] }],
});
const pdf = c.pdf({ mainFilePath: path.resolve(main) });
fs.writeFileSync(out, pdf);
