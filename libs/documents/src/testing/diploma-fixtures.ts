import type { DiplomaFace } from '../diploma-pdf/diploma-face';

// A ~200-character verification URL, like a real signed token: the QR comes out at version 10.
export const QR_PAYLOAD =
  'https://tracuu.example.vn/v/eyJ2IjoxLCJrIjoiU0dELUhQIiwicyI6IkhQIDAyMDM0MTgiLCJyIjoiMDAwNDE3L1RIUFQtMjAyNCJ9.' +
  'Xq3kP9vLr2mN8sT4wYbC1dE6fG7hJ0kLzA5oUiQpRsVtWxYz-_AbCdEfGhIj8uKm2nB4vC6xZ1aS3dF5gH7jL9qW0eR';

export function diplomaFace(overrides: Partial<DiplomaFace> = {}): DiplomaFace {
  return {
    kind: 'THPT',
    issuerLine: 'GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
    fullName: 'Nguyễn Thị Thuỷ',
    birthDate: '2006-03-14',
    birthPlace: 'Thuỷ Nguyên, Hải Phòng',
    sex: 'female',
    ethnicity: 'Kinh',
    school: 'Trường THPT Lê Quý Đôn',
    graduationYear: '2024',
    classification: null,
    trainingMode: 'regular',
    issuePlace: 'Hải Phòng',
    issueDate: '2024-06-25',
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Phạm Quốc Hưng',
    serial: 'HP 0203418',
    registerNumber: '000417/THPT-2024',
    qrPayload: QR_PAYLOAD,
    ...overrides,
  };
}
