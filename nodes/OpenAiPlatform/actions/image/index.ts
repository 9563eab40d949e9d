import type { Resource } from '../types';
import { analyzeImage } from './analyze';
import { createImageVariation } from './createVariation';
import { editImage } from './edit';
import { generateImage } from './generate';

export const imageResource: Resource = {
	value: 'image',
	name: 'Image',
	description: 'Generate, edit and vary images, and ask questions about them',
	operations: [analyzeImage, createImageVariation, editImage, generateImage],
	defaultOperation: generateImage.value,
};
