// The official Google Gen AI SDK (@google/genai) as a FlowRouter client. Driven by
// tests/FlowRouter.IntegrationTests/GeminiJsSdkTests.cs: argv = baseUrl apiKey model scenario...; prints one JSON line
// per scenario ({"scenario", ...result} or {"scenario", "error": {status, message}}).
import { GoogleGenAI } from '@google/genai';

const [baseUrl, apiKey, model, ...scenarios] = process.argv.slice(2);
const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion: 'v1beta', timeout: 20000 } });

const weather = {
  functionDeclarations: [{
    name: 'get_weather',
    description: 'Weather at a place',
    parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  }],
};

// A 1x1 PNG (standard base64): the image scenario sends it inline.
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const country = {
  functionDeclarations: [{
    name: 'get_country',
    description: 'The user country',
    parametersJsonSchema: { type: 'object', properties: {}, additionalProperties: false },
  }],
};

// What a model turn says, split by kind: thought text, answer text, calls, and how many parts carry a thoughtSignature.
function describe(parts) {
  return {
    thoughts: parts.filter(p => p.thought).map(p => p.text ?? '').join(''),
    answer: parts.filter(p => !p.thought && typeof p.text === 'string').map(p => p.text).join(''),
    calls: parts.filter(p => p.functionCall).map(p => p.functionCall.name),
    signatures: parts.filter(p => p.thoughtSignature).length,
  };
}

// Gathers a streamed answer into one model turn, as a client keeps it for history: parts in order, texts of the same
// kind merged, signature-only parts kept (a thoughtSignature on an empty text part must go back too).
async function collect(stream) {
  const parts = [];
  let chunks = 0;
  let finishReason;
  for await (const chunk of stream) {
    chunks++;
    finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      const last = parts[parts.length - 1];
      const mergeable = typeof part.text === 'string' && last && typeof last.text === 'string' && !!last.thought === !!part.thought
        && !last.thoughtSignature && !part.functionCall;
      if (mergeable) {
        last.text += part.text;
        if (part.thoughtSignature) last.thoughtSignature = part.thoughtSignature;
      } else if (part.functionCall || part.thoughtSignature || part.text) {
        parts.push({ ...part });
      }
    }
  }
  return { content: { role: 'model', parts }, chunks, finishReason };
}

const run = {
  async text() {
    const r = await ai.models.generateContent({ model, contents: 'What is 4200 + 42?', config: { systemInstruction: 'Be terse.' } });
    return { text: r.text, finishReason: r.candidates?.[0]?.finishReason, promptTokens: r.usageMetadata?.promptTokenCount ?? 0 };
  },
  async stream() {
    const chunks = [];
    let finishReason;
    for await (const chunk of await ai.models.generateContentStream({ model, contents: 'Tell me something.' })) {
      chunks.push(chunk.text ?? '');
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    }
    return { chunks: chunks.length, text: chunks.join(''), finishReason };
  },
  async functionCall() {
    const r = await ai.models.generateContent({ model, contents: 'Weather in Paris and Tokyo?', config: { tools: [weather] } });
    const calls = r.functionCalls ?? [];
    // The next turn answers every call, in order, as Gemini wants: one user turn with one functionResponse per call.
    const r2 = await ai.models.generateContent({
      model,
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Tokyo?' }] },
        r.candidates[0].content,
        { role: 'user', parts: calls.map((c, i) => ({ functionResponse: { name: c.name, id: c.id, response: { temp: 20 + i } } })) },
      ],
      config: { tools: [weather] },
    });
    return { calls: calls.map(c => ({ name: c.name, args: c.args })), followUp: r2.text };
  },
  async image() {
    const r = await ai.models.generateContent({
      model,
      contents: [{ role: 'user', parts: [{ text: 'Describe the following image in one sentence' }, { inlineData: { mimeType: 'image/png', data: png } }] }],
    });
    return { text: r.text, finishReason: r.candidates?.[0]?.finishReason, sent: png };
  },
  // Thinking with includeThoughts; the answer (thought parts, thoughtSignature) is replayed on the next turn.
  async thinking() {
    const config = { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } };
    const ask = { role: 'user', parts: [{ text: 'How do I cross the street?' }] };
    const r = await ai.models.generateContent({ model, contents: [ask], config });
    const content = r.candidates[0].content;
    const r2 = await ai.models.generateContent({ model, contents: [ask, content, { role: 'user', parts: [{ text: 'And at night?' }] }], config });
    return { ...describe(content.parts), finishReason: r.candidates[0].finishReason, followUp: describe(r2.candidates[0].content.parts).answer };
  },
  async thinkingStream() {
    const config = { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } };
    const ask = { role: 'user', parts: [{ text: 'How do I cross the street?' }] };
    const { content, chunks, finishReason } = await collect(await ai.models.generateContentStream({ model, contents: [ask], config }));
    const r2 = await ai.models.generateContent({ model, contents: [ask, content, { role: 'user', parts: [{ text: 'And at night?' }] }], config });
    return { ...describe(content.parts), chunks, finishReason, followUp: describe(r2.candidates[0].content.parts).answer };
  },
  // A streamed functionCall carrying a thoughtSignature (Gemini 3), answered on the next turn with the call replayed.
  async functionCallSignature() {
    const ask = { role: 'user', parts: [{ text: 'What is the capital of the user country? Call the tool' }] };
    const { content, finishReason } = await collect(await ai.models.generateContentStream({ model, contents: [ask], config: { tools: [country] } }));
    const calls = content.parts.filter(p => p.functionCall).map(p => p.functionCall);
    const r2 = await ai.models.generateContent({
      model,
      contents: [ask, content, { role: 'user', parts: calls.map(c => ({ functionResponse: { name: c.name, id: c.id, response: { country: 'France' } } })) }],
      config: { tools: [country] },
    });
    return { ...describe(content.parts), finishReason, followUp: r2.text };
  },
  // Structured output with full JSON Schema (responseJsonSchema); the SDK must get parseable JSON text.
  async structuredJsonSchema() {
    const r = await ai.models.generateContent({
      model,
      contents: 'Which is heavier, a pound of feathers or sixteen ounces of steel?',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'object',
          properties: { answer: { type: 'string' }, steps: { type: 'array', items: { type: 'string' } } },
          required: ['answer', 'steps'],
          additionalProperties: false,
        },
      },
    });
    return { parsed: JSON.parse(r.text) };
  },
  // The same with Gemini's OpenAPI-style responseSchema (upper-case types, propertyOrdering).
  async structuredSchema() {
    const r = await ai.models.generateContent({
      model,
      contents: 'Which is heavier, a pound of feathers or sixteen ounces of steel?',
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'OBJECT',
          properties: { answer: { type: 'STRING' }, steps: { type: 'ARRAY', items: { type: 'STRING' } } },
          required: ['answer', 'steps'],
          propertyOrdering: ['answer', 'steps'],
        },
      },
    });
    return { parsed: JSON.parse(r.text) };
  },
  async countTokens() {
    const r = await ai.models.countTokens({ model, contents: 'How many tokens is this sentence, roughly?' });
    return { totalTokens: r.totalTokens };
  },
  async getModel() {
    const m = await ai.models.get({ model });
    return { name: m.name };
  },
};

for (const scenario of scenarios) {
  try {
    console.log(JSON.stringify({ scenario, ...(await run[scenario]()) }));
  } catch (e) {
    console.log(JSON.stringify({ scenario, error: { status: e.status ?? null, message: String(e.message ?? e) } }));
  }
}
