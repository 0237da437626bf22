namespace Gateway.Text.Tests.Templates;

/// <summary>
/// Small templates for each Jinja feature the interpreter supports. Expected texts are what Python's Jinja2
/// renders with Hugging Face's settings (trim_blocks, lstrip_blocks, json.dumps-based tojson).
/// </summary>
public sealed class JinjaFeatureTests
{
    [Theory]
    [InlineData("a\n  {% if true %}\n  b\n  {% endif %}\nc", "a\n  b\nc")]
    [InlineData("  {{ 'x' }}\n{% if true %}y{% endif %}\n", "  x\ny")]
    [InlineData("a  {%- if true -%}  b  {%- endif -%}  c", "abc")]
    [InlineData("a {{- ' b ' -}} c", "a b c")]
    [InlineData("x\n  {%+ if true %}y{% endif %}", "x\n  y")]
    [InlineData("{% if true +%}\nkept{% endif %}", "\nkept")]
    [InlineData("a {# note #}\n  {#- strip #} b", "a  b")]
    [InlineData("{% for i in [1, 2] %}\n  - {{ i }}\n{% endfor %}\n", "  - 1\n  - 2\n")]
    [InlineData("line\n    {%- set x = 1 %}\n    {{- x }}", "line1")]
    [InlineData("{% if true %}  \nx{% endif %}", "  \nx")]
    public void Render_WhitespaceControlAndTrimLstripBlocks_BehavesLikeJinja(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));

    [Theory]
    [InlineData("{{ 'a\\tb\\\\n' ~ \"q\\\"\" }}", "a\tb\\nq\"")]
    [InlineData("{{ 1 + 2 * 3 - 4 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ 2 ** 10 }} {{ 1.5 + 1 }}", "5.0 3 -4 1 1024 2.5")]
    [InlineData("{{ 'ab' + 'cd' }} {{ 'x' ~ 1 ~ none ~ true }} {{ 'ab' * 3 }}", "abcd x1NoneTrue ababab")]
    [InlineData("{{ [1, 2] + [3] }} {{ {'a': 1, 'b': [True, None]} }} {{ none }} {{ undefined_thing }}", "[1, 2, 3] {'a': 1, 'b': [True, None]} None ")]
    [InlineData("{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'a' in 'cat' }} {{ 2 not in [1, 2] }} {{ 'k' in {'k': 1} }}", "True False True False True")]
    [InlineData("{{ not 0 and 'x' or 'y' }} {{ '' or [] or 'last' }} {{ 0 and 1 }}", "x last 0")]
    [InlineData("{{ 'yes' if [] else 'no' }} {{ 'y' if {'a': 1} }}|{{ 'y' if 0 }}|", "no y||")]
    [InlineData("{% set xs = [1, 2, 3, 4, 5] %}{{ xs[1:] }} {{ xs[::-1] }} {{ xs[-1] }} {{ xs[-2:] }} {{ xs[1:4:2] }} {{ xs[10] }}|{{ 'hello'[1:3] }} {{ 'hello'[::-1] }}", "[2, 3, 4, 5] [5, 4, 3, 2, 1] 5 [4, 5] [2, 4] |el olleh")]
    [InlineData("{% set m = {'role': 'user', 'content': 'hi'} %}{{ m.role }} {{ m['content'] }} {{ m.missing is defined }} {{ m.content is defined }} {{ m.get('role') }} {{ m.get('x', 'dflt') }}", "user hi False True user dflt")]
    [InlineData("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %} {{ {'a': 1}.keys() | list }} {{ {'a': 1}.values() | list }}", "a=1;b=2; ['a'] [1]")]
    public void Render_Expressions_FollowPythonSemantics(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));

    [Theory]
    [InlineData("{% for x in ['a', 'b', 'c'] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ x }} {% endfor %}", "103TrueFalse3a 212FalseFalse3b 321FalseTrue3c ")]
    [InlineData("{% for x in [] %}no{% else %}empty{% endfor %}", "empty")]
    [InlineData("{% for x in range(10) if x is odd %}{{ x }}{{ ',' if not loop.last }}{% endfor %}", "1,3,5,7,9")]
    [InlineData("{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 5 %}{% break %}{% endif %}{{ x }}{% endfor %}", "0134")]
    [InlineData("{% set ns = namespace(total=0, found=false) %}{% for x in [3, 4] %}{% set ns.total = ns.total + x %}{% set local = x %}{% endfor %}{{ ns.total }} {{ local is defined }}", "7 False")]
    [InlineData("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}{% if true %}{% set x = 3 %}{% endif %}{{ x }}", "13")]
    [InlineData("{% for a in [[1, 2], [3]] %}{% for b in a %}{{ loop.index }}{% endfor %}/{{ loop.index }} {% endfor %}", "12/1 1/2 ")]
    [InlineData("{{ range(3) | list }} {{ range(1, 7, 2) | list }} {{ range(3, 0, -1) | list }}", "[0, 1, 2] [1, 3, 5] [3, 2, 1]")]
    public void Render_ForLoops_ExposeLoopVariablesAndScopeLikeJinja(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));

    [Theory]
    [InlineData("{{ '  x  ' | trim }}|{{ [1, 2, 3] | length }}|{{ 'abc' | count }}|{{ 'hello world' | upper }}|{{ 'ABC' | lower }}|{{ 'hello big-world' | title }}|{{ 'hELLO' | capitalize }}", "x|3|3|HELLO WORLD|abc|Hello Big-World|Hello")]
    [InlineData("{{ 'a-b-c' | replace('-', '+') }} {{ ['a', 'b'] | join(', ') }} {{ [1, 2] | first }} {{ [1, 2] | last }} {{ nothing | default('dflt') }} {{ '' | d('empty', true) }} {{ none | default('x') }}", "a+b+c a, b 1 2 dflt empty None")]
    [InlineData("{{ {'b': 1, 'a': [1, 2.5, 'é\\n\"']} | tojson }}|{{ {'a': {'b': [1, {}]}, 'c': []} | tojson(indent=2) }}|{{ 'x' | tojson }}", "{\"b\": 1, \"a\": [1, 2.5, \"é\\n\\\"\"]}|{\n  \"a\": {\n    \"b\": [\n      1,\n      {}\n    ]\n  },\n  \"c\": []\n}|\"x\"")]
    [InlineData("{% set users = [{'name': 'a', 'on': true}, {'name': 'b', 'on': false}, {'name': 'c', 'on': true}] %}{{ users | selectattr('on') | map(attribute='name') | join }} {{ users | rejectattr('on') | map(attribute='name') | list }} {{ users | selectattr('name', 'equalto', 'b') | list | length }}", "ac ['b'] 1")]
    [InlineData("{{ '42' | int + 1 }} {{ 'x' | int }} {{ '2.5' | float }} {{ -3 | abs }} {{ 2.567 | round(2) }} {{ 2.5 | round }} {{ 3.7 | int }} {{ 5 | string ~ '!' }}", "43 0 2.5 3 2.57 2.0 3 5!")]
    [InlineData("{{ 'a\\nb\\n\\nc' | indent(2) }}|{{ 'a\\nb' | indent(4, true) }}|{{ '<a href=\"x\">&' | e }}|{{ '<b>' | safe }}", "a\n  b\n\n  c|    a\n    b|&lt;a href=&#34;x&#34;&gt;&amp;|<b>")]
    [InlineData("{{ {'a': 1, 'b': 2} | items | list }} {{ 'abc' | list }} {{ [3, 1, 2] | sort }} {{ [1, 2, 2, 1] | unique | list }} {{ [1, 2, 3] | sum }} {{ [1, 3, 2] | max }} {{ ['a', 'b'] | map('upper') | list }}", "[('a', 1), ('b', 2)] ['a', 'b', 'c'] [1, 2, 3] [1, 2] 6 3 ['A', 'B']")]
    [InlineData("{{ [1, 2, 3, 4] | select('even') | list }} {{ [1, 2, 3] | reject('odd') | list }} {{ '%s-%d' | format('a', 3) }} {{ [1, 2] | reverse | list }}", "[2, 4] [2] a-3 [2, 1]")]
    public void Render_Filters_MatchJinja(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));

    [Theory]
    [InlineData("{{ x is defined }} {{ x is undefined }} {{ none is none }} {{ 'a' is string }} {{ {} is mapping }} {{ [] is iterable }} {{ 'a' is sequence }} {{ 1.5 is number }} {{ true is boolean }}", "False True True True True True True True True")]
    [InlineData("{{ true is true }} {{ 1 is true }} {{ false is false }} {{ 3 is equalto 3 }} {{ 3 is eq(4) }} {{ 3 is odd }} {{ 4 is even }} {{ 4 is not odd }} {{ 'a' is not string }} {{ 6 is divisibleby 3 }}", "True False True True False True True True False True")]
    [InlineData("{{ 5 is integer }} {{ 5.0 is float }} {{ [] is string }} {{ {} is sequence }} {{ 1 is iterable }} {{ 'x' is in ['x'] }}", "True True False True False True")]
    public void Render_IsTests_MatchJinja(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));

    [Theory]
    [InlineData("{{ '  a b  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '\\n\\na'.lstrip('\\n') }}|{{ 'a  '.rstrip() }}|{{ 'a,b,,c'.split(',') }}|{{ ' a  b '.split() }}|{{ 'a=b=c'.split('=', 1) }}", "a b|a|a|a|['a', 'b', '', 'c']|['a', 'b']|['a', 'b=c']")]
    [InlineData("{{ 'hello'.startswith('he') }} {{ 'hello'.endswith(('x', 'lo')) }} {{ 'Ab'.upper() }}{{ 'Ab'.lower() }} {{ 'a.b'.replace('.', '/') }} {{ 'hello world'.title() }} {{ 'abc'.find('c') }} {{ 'abc'.find('z') }}", "True True ABab a/b Hello World 2 -1")]
    [InlineData("{{ '{} and {}'.format('x', 2) }} {{ '{0}{1}{0}'.format('a', 'b') }} {{ '{name}!'.format(name='n') }} {{ 'x{{y}}'.format() }} {{ '-'.join(['a', 'b']) }}", "x and 2 aba n! x{y} a-b")]
    [InlineData("{{ '<think>a</think>b'.split('</think>')[-1] }} {{ 'x' + 'a</think>\\n\\nb'.split('</think>')[0].rstrip('\\n') }}", "b xa")]
    public void Render_StringAndDictMethods_MatchPython(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));

    [Theory]
    [InlineData("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('a') }} {{ greet('b', '?') }} {{ greet(name='c', punct='.') }}", "Hi a! Hi b? Hi c.")]
    [InlineData("{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('b') %}inner{% endcall %}", "<b>inner</b>")]
    [InlineData("{% set block %}one {{ 1 + 1 }}{% endset %}[{{ block }}]", "[one 2]")]
    [InlineData("{% set a, b = [1, 2] %}{{ a }}{{ b }} {% set t = (1, 2) %}{{ t }} {{ (1,) }} {{ {'a': 1} | items | list }}", "12 (1, 2) (1,) [('a', 1)]")]
    public void Render_MacrosCallBlocksAndSet_MatchJinja(string template, string expected) =>
        Assert.Equal(expected, Conversation.Render(template));
}
