/// The explorer's one page: HTML, CSS and script inline, nothing fetched from elsewhere. Charts
/// arrive drawn (SVG) in the JSON of `POST /api/run`.
enum ExplorerPage {
  static let html = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>gpumarket explore</title>
    <style>
    body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
    header{padding:8px 16px;background:#234;color:#fff;display:flex;gap:16px;align-items:baseline}
    header h1{font-size:18px;margin:0} #status{opacity:.85}
    main{display:grid;grid-template-columns:360px 1fr;gap:16px;padding:12px 16px}
    section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px;margin-bottom:12px}
    h2{font-size:15px;margin:0 0 8px}
    .knob{margin:6px 0 10px} .knob label{display:block;font-weight:600;font-size:12px}
    .knob .unit{font-weight:400;color:#666} .knob .row{display:flex;gap:6px;align-items:center}
    .knob input[type=range]{flex:1} .knob input[type=number]{width:90px}
    .changed label{color:#b35c00}
    table{border-collapse:collapse;width:100%;font-size:12px}
    td,th{padding:2px 6px;border-bottom:1px solid #eee;text-align:right}
    td:first-child,th:first-child{text-align:left}
    #error{display:none;background:#fee;border:1px solid #c33;color:#900;padding:8px;white-space:pre-wrap;font-family:monospace;font-size:12px}
    #charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:10px}
    #charts svg{width:100%;height:auto}
    pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:6px;font-size:12px}
    button{margin:2px}
    .pos{color:#070}.neg{color:#a00}.ci{color:#666}
    #tco-form label{display:inline-block;width:150px}#tco-form input,#tco-form select{width:140px}
    </style></head>
    <body data-state="loading" data-runs="0">
    <header><h1>gpumarket explore</h1><span id="scenario"></span><span id="status">loading…</span></header>
    <main>
    <div>
    <section><h2>Assumptions</h2><div id="knobs"></div>
    <div><input id="path" list="paths" placeholder="any --set key path" size="28">
    <input id="value" placeholder="value" size="8"><button id="add">Set</button>
    <datalist id="paths"></datalist></div>
    <h2 style="margin-top:10px">Overrides</h2><ul id="overrides"></ul>
    <div class="knob"><label for="replicates">replicates <span class="unit">(more than 1: fan charts over seeds, when the scenario draws random numbers)</span></label>
    <div class="row"><input id="replicates" type="number" min="1" max="16" step="1" value="1"></div></div>
    <button id="reset">Reset all</button> <button id="save">Save scenario file</button>
    <button id="copy">Copy command</button><pre id="command"></pre></section>
    <section><h2>Owning against renting a fleet (TCO)</h2><div id="tco-form"></div>
    <button id="tco-run">Value the fleet</button><div id="tco-error" style="color:#900"></div>
    <table id="tco-result"></table><div id="tco-notes" style="font-size:12px;color:#555"></div></section>
    </div>
    <div>
    <div id="error"></div>
    <section><h2>Headline: what-if against the scenario</h2><table id="headline"></table></section>
    <section><h2>Largest changes</h2><table id="changes"></table></section>
    <section><h2>Charts</h2><div id="fan" style="font-size:12px;color:#555"></div><div id="charts"></div></section>
    </div>
    </main>
    <script>
    "use strict";
    const $ = id => document.getElementById(id);
    let info = null, overrides = new Map(), last = null, seq = 0, timer = null, changedAt = null;
    function fmt(x){ if(x===null||x===undefined) return "–"; const a=Math.abs(x);
      if(a!==0&&(a>=1e6||a<1e-3)) return x.toExponential(3); return Number(x.toPrecision(5)).toString(); }
    function esc(s){ return String(s).replace(/[&<>"]/g,c=>({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c])); }
    function list(){ return [...overrides].map(([k,v])=>k+"="+v); }
    async function post(url, body){
      const r = await fetch(url,{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(body)});
      let j = null; try { j = await r.json(); } catch(e) { j = {error:"the server answered "+r.status}; }
      return {status:r.status, body:j};
    }
    function showError(j){ const e=$("error");
      if(!j){ e.style.display="none"; e.textContent=""; return; }
      e.style.display="block"; e.textContent=j.error+(j.diagnostics&&j.diagnostics.length?"\\n"+j.diagnostics.join("\\n"):""); }
    function renderOverrides(){
      $("overrides").innerHTML = [...overrides].map(([k,v])=>
        `<li><code>${esc(k)}=${esc(v)}</code> <button data-remove="${esc(k)}">×</button></li>`).join("");
      for(const b of document.querySelectorAll("[data-remove]")) b.onclick=()=>{ unset(b.dataset.remove); };
      for(const k of document.querySelectorAll(".knob")) k.classList.toggle("changed", overrides.has(k.dataset.path));
      $("command").textContent = last ? last.command+(last.compareCommand?"\\n"+last.compareCommand+"   # the replicates, with the file saved":""): "";
    }
    function unset(path){ overrides.delete(path); const k=info.knobs.find(k=>k.path===path);
      if(k){ const d=document.querySelector(`.knob[data-path="${CSS.escape(path)}"]`);
        d.querySelector("input[type=range]").value=k.value; d.querySelector("input[type=number]").value=k.value; }
      schedule(0); }
    function setValue(path, text){ const k=info.knobs.find(k=>k.path===path);
      if(k && Number(text)===k.value) overrides.delete(path); else overrides.set(path, text); }
    // changedAt: when the change being answered was made (the first since the last redraw).
    function schedule(ms){ if(changedAt===null) changedAt=performance.now();
      clearTimeout(timer); renderOverrides(); timer=setTimeout(run, ms); }
    function replicates(){ const n=Math.round(Number($("replicates").value)); return n>=1?n:1; }
    async function run(){
      const mine = ++seq; document.body.dataset.state="running"; $("status").textContent="running…";
      const t0 = performance.now();
      const r = await post("/api/run",{overrides:list(),replicates:replicates()});
      if(mine!==seq) return;
      const ms = performance.now()-t0, since = changedAt ?? t0; changedAt = null;
      if(r.status!==200){ showError(r.body); document.body.dataset.state="error";
        $("status").textContent="error ("+r.status+")"; return; }
      showError(null); last=r.body; const d0=performance.now(); draw(r.body); const drawn=performance.now()-d0;
      // Redrawn: a task queued from the next animation frame runs once that frame is painted.
      requestAnimationFrame(()=>setTimeout(()=>{ if(mine!==seq) return;
        const redraw = performance.now()-since;
        $("status").textContent=`${r.body.overrides.length} override(s), ${r.body.seeds.length} replicate(s); redrawn in ${redraw.toFixed(0)} ms (answer ${ms.toFixed(0)} ms, of which run ${r.body.milliseconds.toFixed(0)} ms)`;
        document.body.dataset.redrawMs = redraw.toFixed(1); document.body.dataset.answerMs = ms.toFixed(1); document.body.dataset.drawMs = drawn.toFixed(1);
        document.body.dataset.runs = String(Number(document.body.dataset.runs)+1);
        document.body.dataset.state="ready"; }, 0));
    }
    function rows(figs){ return `<tr><th>outcome</th><th>what-if</th><th>scenario</th><th>difference${last&&last.seeds.length>1?" [95% interval]":""}</th><th>%</th></tr>`+
      figs.map(f=>`<tr data-name="${esc(f.name)}" data-value="${f.value??""}" data-baseline="${f.baseline??""}"><td>${esc(f.name)}</td>`+
      `<td class="value">${fmt(f.value)}</td><td>${fmt(f.baseline)}</td>`+
      `<td class="${(f.difference||0)>0?"pos":(f.difference||0)<0?"neg":""}">${fmt(f.difference)}`+
      `${f.differenceLow!==undefined&&f.differenceLow!==null?` <span class="ci">[${fmt(f.differenceLow)}, ${fmt(f.differenceHigh)}]</span>`:""}</td>`+
      `<td>${f.relative===null||f.relative===undefined?"–":(100*f.relative).toFixed(1)}</td></tr>`).join(""); }
    function draw(b){
      $("headline").innerHTML=rows(b.headline); $("changes").innerHTML=rows(b.changes);
      $("charts").innerHTML=b.charts.map(c=>`<div id="chart-${esc(c.id)}">${c.svg}</div>`).join("");
      $("fan").textContent=b.fan+(b.warnings.length?" Warning: "+b.warnings.join("; "):"");
      renderOverrides();
    }
    function knobs(){
      $("knobs").innerHTML = info.knobs.map(k=>`<div class="knob" data-path="${esc(k.path)}" title="${esc(k.doc)}">`+
        `<label>${esc(k.path)} <span class="unit">${esc(k.unit)}${k.boundsFromSpec?"":" (range around the scenario's value)"}</span></label>`+
        `<div class="row"><input type="range" min="${k.min}" max="${k.max}" step="${k.step}" value="${k.value}">`+
        `<input type="number" min="${k.min}" max="${k.max}" step="${k.step}" value="${k.value}"></div></div>`).join("");
      for(const d of document.querySelectorAll("#knobs .knob")){
        const range=d.querySelector("input[type=range]"), num=d.querySelector("input[type=number]"), path=d.dataset.path;
        range.addEventListener("input",()=>{ num.value=range.value; setValue(path, range.value); schedule(250); });
        range.addEventListener("change",()=>{ num.value=range.value; setValue(path, range.value); schedule(0); });
        num.addEventListener("change",()=>{ range.value=num.value; setValue(path, num.value); schedule(0); });
      }
      $("paths").innerHTML = info.paths.map(p=>`<option value="${esc(p)}">`).join("");
    }
    function tcoForm(){
      const d=info.tco;
      const field=(id,label,value,type)=>`<div><label for="tco-${id}">${label}</label><input id="tco-${id}" type="${type||"number"}" value="${esc(value)}"></div>`;
      $("tco-form").innerHTML =
        `<div><label for="tco-chip">chip</label><select id="tco-chip">${info.chips.map(c=>`<option${c===d.chip?" selected":""}>${esc(c)}</option>`).join("")}</select></div>`+
        field("count","chips in the fleet",d.count)+field("power","power, USD per kWh",d.powerUSDPerKWh)+
        field("rate","discount rate per year",d.rate)+field("purchase","purchase month",d.purchase,"month")+
        field("life","life, months",d.lifeMonths)+
        `<div><label for="tco-selling">selling</label><select id="tco-selling"><option value="">spot</option>${d.contractMonths.map(m=>`<option value="${m}">${m}-month contracts</option>`).join("")}</select></div>`+
        field("replicates","replicates",1);
    }
    async function tco(){
      const sel=$("tco-selling").value;
      const body={chip:$("tco-chip").value,count:Number($("tco-count").value),purchase:$("tco-purchase").value,
        lifeMonths:Number($("tco-life").value),powerUSDPerKWh:Number($("tco-power").value),rate:Number($("tco-rate").value),
        replicates:Number($("tco-replicates").value),overrides:list()};
      if(sel) body.contractMonths=Number(sel);
      $("tco-error").textContent="valuing…";
      const r=await post("/api/tco",body);
      if(r.status!==200){ $("tco-error").textContent=r.body.error+(r.body.diagnostics&&r.body.diagnostics.length?": "+r.body.diagnostics.join("; "):""); return; }
      $("tco-error").textContent="";
      $("tco-result").innerHTML="<tr><th>quantity</th><th>unit</th><th>mean</th><th>95% low</th><th>95% high</th></tr>"+
        r.body.quantities.map(q=>`<tr data-key="${q.key}" data-value="${q.mean??""}"><td>${esc(q.label)}</td><td>${esc(q.unit)}</td><td>${fmt(q.mean)}</td><td>${fmt(q.low)}</td><td>${fmt(q.high)}</td></tr>`).join("");
      $("tco-notes").textContent=`${r.body.replicates} replicate(s), ${r.body.selling}, life ${r.body.lifeMonths} months, rate ${r.body.rate}. `+r.body.notes.join(" ");
    }
    $("add").onclick=()=>{ const p=$("path").value.trim(), v=$("value").value.trim(); if(!p) return; overrides.set(p,v);
      // A path with a slider: the slider shows the value typed.
      const d=document.querySelector(`#knobs .knob[data-path="${CSS.escape(p)}"]`);
      if(d){ d.querySelector("input[type=range]").value=v; d.querySelector("input[type=number]").value=v; }
      schedule(0); };
    $("reset").onclick=()=>{ overrides.clear(); knobs(); schedule(0); };
    $("copy").onclick=async()=>{ if(!last) return; $("command").textContent=last.command;
      try{ await navigator.clipboard.writeText(last.command); $("status").textContent="command copied"; }catch(e){ $("status").textContent="select the command below to copy it"; } };
    $("save").onclick=()=>{ if(!last) return; const a=document.createElement("a");
      a.href=URL.createObjectURL(new Blob([last.scenarioFile],{type:"text/yaml"})); a.download=last.scenarioFileName; a.click(); };
    $("tco-run").onclick=tco;
    $("replicates").onchange=()=>schedule(0);
    (async()=>{ const r=await fetch("/api/scenario"); info=await r.json();
      $("scenario").textContent=`${info.name} (${info.start}, ${info.months} months, seed ${info.seed})`;
      $("replicates").max=info.maxReplicates; knobs(); tcoForm(); run(); })();
    </script></body></html>
    """
}
