// Renders the small Markdown subset of PRIVACY.md (headings, paragraphs, "-" lists, **bold**,
// `code`, [links](https://…)) as Preact elements: no innerHTML, the text stays text.
import type { ComponentChildren, JSX } from "preact";

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const pattern = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<strong>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<code>{m[2]}</code>);
    else
      out.push(
        <a href={m[4]} target="_blank" rel="noopener noreferrer">
          {m[3]}
        </a>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown(props: { source: string }): JSX.Element {
  const blocks: JSX.Element[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(<p>{inline(paragraph.join(" "))}</p>);
    if (list.length)
      blocks.push(
        <ul>
          {list.map((item) => (
            <li>{inline(item)}</li>
          ))}
        </ul>,
      );
    paragraph = [];
    list = [];
  };
  for (const raw of props.source.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      flush();
      const text = inline(heading[2] ?? "");
      const level = heading[1]?.length ?? 1;
      blocks.push(level === 1 ? <h2>{text}</h2> : level === 2 ? <h3>{text}</h3> : <h4>{text}</h4>);
    } else if (/^\s*- /.test(line)) {
      if (paragraph.length) flush();
      list.push(line.replace(/^\s*- /, ""));
    } else if (line === "") flush();
    else if (list.length && /^\s+\S/.test(raw)) list[list.length - 1] += ` ${line.trim()}`;
    else {
      if (list.length) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return <div class="markdown">{blocks}</div>;
}
