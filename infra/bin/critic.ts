// `cdk synth` / `cdk deploy` entry point (see cdk.json).
import { buildApp } from '../src/app';

buildApp().app.synth();
