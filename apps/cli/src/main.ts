import { x } from '@chipwatch/config';
console.log('hello', x);
