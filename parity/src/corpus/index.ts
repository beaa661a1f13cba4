import { CorpusApp } from '../synthesize';
import { authorizerApps } from './authorizers';
import { domainApps } from './domains';
import { httpApps } from './http';
import { privateApps } from './private-integrations';
import { webSocketApps } from './websocket';

/** Every corpus app, written once against the 1.123 API. */
export const corpus: CorpusApp[] = [...httpApps, ...domainApps, ...privateApps, ...authorizerApps, ...webSocketApps];
