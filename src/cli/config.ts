import { configReference } from '../config/load.ts';

export async function run(): Promise<number> {
  console.log(configReference());
  return 0;
}
