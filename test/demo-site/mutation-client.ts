// The page script a mutated page carries (see mutations.ts): it renders the late parts
// (<template data-mut-late="ms">), loads the lists taken out of the page (data-mut-src, after `load`),
// makes <a role=button data-mut-submit> submit their form, and with `spa` switches the pagination and
// the Suivi DSN views in place (fetch + pushState, Back/Forward by popstate). Plain ES5 in a string: it
// runs in the page as the site's own code would.

export const MUTATION_CLIENT = `(function(){
var me=document.currentScript;var opts={};try{opts=JSON.parse(me.getAttribute("data-mutations")||"{}");}catch(e){}
function all(root,sel){var out=[];if(root.nodeType!==1)return out;if(root.matches(sel))out.push(root);root.querySelectorAll(sel).forEach(function(n){out.push(n);});return out;}
function insert(target,html){var t=document.createElement("template");t.innerHTML=html;var nodes=Array.prototype.slice.call(t.content.childNodes);target.replaceWith(t.content);nodes.forEach(process);}
function afterLoad(fn){if(document.readyState==="complete")fn();else window.addEventListener("load",fn);}
function process(root){
all(root,"template[data-mut-late]").forEach(function(t){setTimeout(function(){if(!t.isConnected)return;var nodes=Array.prototype.slice.call(t.content.childNodes);t.replaceWith(t.content);nodes.forEach(process);},Number(t.getAttribute("data-mut-late"))||0);});
all(root,"[data-mut-src]").forEach(function(p){if(p.hasAttribute("data-mut-started"))return;p.setAttribute("data-mut-started","");afterLoad(function(){setTimeout(function(){fetch(p.getAttribute("data-mut-src"),{credentials:"same-origin"}).then(function(r){return r.text();}).then(function(h){if(p.isConnected)insert(p,h);});},Number(p.getAttribute("data-mut-delay"))||0);});});
}
document.addEventListener("click",function(e){var a=e.target&&e.target.closest?e.target.closest("[data-mut-submit]"):null;if(!a||e.defaultPrevented)return;e.preventDefault();var fid=a.getAttribute("data-mut-form");var f=fid?document.getElementById(fid):a.closest("form");if(!f)return;var name=a.getAttribute("data-mut-name");if(name){var h=document.createElement("input");h.type="hidden";h.name=name;h.value=a.getAttribute("data-mut-value")||"";f.appendChild(h);}if(f.requestSubmit)f.requestSubmit();else f.submit();});
document.addEventListener("keydown",function(e){if(e.key!==" "&&e.key!=="Enter")return;var a=e.target&&e.target.closest?e.target.closest("a[role=button]"):null;if(a&&e.key===" "){e.preventDefault();a.click();}});
if(opts.spa){
var here=location.pathname+location.search;
var inPlace=function(u){if(u.origin!==location.origin)return false;if(u.pathname===location.pathname&&u.search!==location.search)return true;return /^\\/suivi-dsn/.test(u.pathname)&&/^\\/suivi-dsn/.test(location.pathname);};
var mainOf=function(doc){return doc.querySelector("main,[role=main]");};
var go=function(url,push){fetch(url,{credentials:"same-origin"}).then(function(r){if(r.redirected&&new URL(r.url).pathname!==new URL(url).pathname){location.assign(r.url);return null;}return r.text();}).then(function(html){if(html===null)return;var doc=new DOMParser().parseFromString(html,"text/html");var next=mainOf(doc),cur=mainOf(document);if(!next||!cur){location.assign(url);return;}if(push)history.pushState({mutations:1},"",url);here=location.pathname+location.search;cur.innerHTML=next.innerHTML;document.querySelectorAll("script[data-demo-config]").forEach(function(s){s.remove();});doc.querySelectorAll("script[data-demo-config]").forEach(function(s){var c=document.createElement("script");c.type="application/json";c.setAttribute("data-demo-config","");c.textContent=s.textContent;document.body.appendChild(c);});document.title=doc.title;process(cur);window.scrollTo(0,0);});};
document.addEventListener("click",function(e){if(e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey)return;var a=e.target&&e.target.closest?e.target.closest("a[href]"):null;if(!a||a.target||a.getAttribute("href").charAt(0)==="#")return;var u=new URL(a.href,location.href);if(!inPlace(u))return;e.preventDefault();go(u.href,true);});
window.addEventListener("popstate",function(){if(location.pathname+location.search===here)return;go(location.href,false);});
}
process(document.body);
})();`;
