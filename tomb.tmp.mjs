import * as Y from "yjs";
const docs = Array.from({length:5},()=>new Y.Doc());
const server = new Y.Doc();
for (const d of docs) d.on("update",(u,origin)=>{ if(origin!=="remote"){ Y.applyUpdate(server,u); for(const o of docs) if(o!==d) Y.applyUpdate(o,u,"remote");}});
const MAX=400;
function run(n){ for(let i=0;i<n;i++){ const d=docs[i%5]; const t=d.getText("notes"); d.transact(()=>{t.insert(t.length,"x"); if(t.length>MAX) t.delete(0,t.length-MAX);}); } }
for (const k of [0,1,2,3]) { run(50000); global.gc(); const st=Y.encodeStateAsUpdate(server).length; let items=0; for (const [c,s] of server.store.clients) items+=s.length; console.log(`after ${(k+1)*50}k edits: heap ${(process.memoryUsage().heapUsed/1e6).toFixed(1)} MB, state ${st} B, structs ${items}`);}
